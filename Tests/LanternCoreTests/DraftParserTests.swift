import Foundation
import Testing

@testable import LanternCore

/// The fast draft reader must read every line exactly as JSONDecoder does, or hand it over.
@Suite struct DraftParserTests {
    func fast(_ line: String) -> SignalDraft? {
        Array(line.utf8).withUnsafeBufferPointer { DraftParser.parse($0) }
    }

    func slow(_ line: String) -> SignalDraft? {
        try? JSONDecoder().decode(SignalDraft.self, from: Data(line.utf8))
    }

    static let lines = [
        #"{"type":"url","value":"https://example.com/a","tags":["csam"],"severity":"SEVERE","review_status":"PENDING","audience":"all"}"#,
        #" { "type" : "pdq" , "value":"ab", "quality": 90, "media_kind":"image", "tags": [ ], "audience": ["bravo", "charlie"] } "#,
        #"{"type":"username","value":"ümlaut_名前","platform":"discord","confidence":0,"path_prefix":false,"related":[]}"#,
        #"{"type":null,"value":null,"tags":null,"quality":null,"audience":null,"path_prefix":true}"#,
        #"{}"#,
        #"{"confidence":-5,"description":"plain text"}"#,
    ]

    static let handedOver = [
        #"{"value":"with \"escape\""}"#,  // escapes
        #"{"quality":9.5}"#,  // not an integer
        #"{"quality":1e3}"#,
        #"{"quality":"90"}"#,  // wrong type
        #"{"tags":"csam"}"#,
        #"{"type":"url"} trailing"#,
        #"{"type":"url",}"#,
        #"{"transaction":{"date":"2026-01-01","amount":5,"currency":"USD","provider":"x"}}"#,
        #"{"unknown_field":1}"#,
        #"{"type":"url""#,
        #"[1,2]"#,
        "{\"value\":\"\u{01}\"}",
        #"{"quality":007}"#,
        #"{"type":"url","type":"email"}"#,  // a repeated key: the fallback refuses the line
        #"{"tags":["csam"],"quality":1,"tags":[]}"#,
    ]

    @Test(arguments: lines) func agreesWithJSONDecoder(_ line: String) throws {
        let parsed = try #require(fast(line), "the fast reader handed over a line it should read")
        #expect(parsed == slow(line))
    }

    @Test(arguments: handedOver) func handsOverWhatItDoesNotKnow(_ line: String) {
        #expect(fast(line) == nil)
    }

    @Test func invalidUTF8IsHandedOver() {
        var bytes = Array(#"{"value":"ab"}"#.utf8)
        bytes[10] = 0xFF
        #expect(bytes.withUnsafeBufferPointer { DraftParser.parse($0) } == nil)
    }
}
