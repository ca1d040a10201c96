import Foundation
import LanternCore
import LanternTesting
import Testing

@testable import LanternSync

/// The hand-written body parser must read exactly what `JSONDecoder` reads, or give up and leave it to it.
@Suite struct SignalWireParserTests {
    func wire(_ draft: SignalDraft, revision: UInt64 = 3) throws -> Data {
        var signal = try Fixtures.validator().validateNew(draft, id: Fixtures.signalID(revision), author: Fixtures.alpha.id, now: Fixtures.now)
        signal.revision = revision
        return SignalWire.encode(signal)
    }

    func drafts() -> [SignalDraft] {
        var described = Fixtures.urlDraft("https://example.com/path?q=1", audience: "bravo,charlie")
        described.description = "plain words"
        described.confidence = 80
        described.related = [Fixtures.signalID(9).rawValue]
        described.firstSeen = "2026-01-02T03:04:05Z"
        var escaped = Fixtures.urlDraft("https://example.com/")
        escaped.description = "a \"quoted\" line\nand another"
        var prefix = Fixtures.urlDraft("https://example.com/dir/")
        prefix.pathPrefix = true
        return [Fixtures.urlDraft(), described, escaped, prefix, Fixtures.pdqDraft(), Fixtures.financialDraft()]
    }

    @Test func theParserReadsWhatJSONDecoderReads() throws {
        for (index, draft) in drafts().enumerated() {
            let body = try wire(draft, revision: UInt64(index + 1))
            let decoded = try SignalWire.decoder.decode(SignalWire.self, from: body)
            let parsed = SignalWire.parse(body)
            if draft.description?.contains("\"") == true {
                #expect(parsed == nil, "escapes are left to JSONDecoder")
            } else {
                #expect(parsed == decoded, "draft \(index)")
            }
            #expect(try SignalWire.decode(body) == decoded.signal(limits: .init()))
        }
    }

    @Test func anythingUnexpectedIsLeftToJSONDecoder() throws {
        let body = String(decoding: try wire(Fixtures.urlDraft()), as: UTF8.self)
        let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
        // Other key orders and whitespace are still read by the parser, the same as by JSONDecoder.
        let reordered = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .withoutEscapingSlashes])
        let parsedReordered = try #require(SignalWire.parse(reordered))
        #expect(parsedReordered == (try SignalWire.decoder.decode(SignalWire.self, from: reordered)))
        let unexpected = [
            body.replacingOccurrences(of: #""revision":3"#, with: #""revision":3.0"#),
            body.replacingOccurrences(of: #""revision":3"#, with: #""revision":"3""#),
            body.replacingOccurrences(of: #""revision":3"#, with: #""revision":-3"#),
            body.replacingOccurrences(of: #""severity":"#, with: #""extra":1,"severity":"#),
            body.replacingOccurrences(of: #""tags":["#, with: #""tags":[1,"#),
            String(body.dropLast()),
            body + "x",
            // A repeated key: JSONDecoder keeps the first, so the parser must not read it (and keep the last).
            body.replacingOccurrences(of: #""severity":"#, with: #""severity":"INFO","severity":"#),
            body.replacingOccurrences(of: #""attributes":{"#, with: #""attributes":{"quality":null,"quality":7,"#),
            body.replacingOccurrences(of: #""context":{"#, with: #""context":{"first_seen":null,"first_seen":1,"#),
        ]
        for text in unexpected {
            #expect(SignalWire.parse(Data(text.utf8)) == nil, "\(text)")
        }
        #expect(throws: ValidationError.self) { try SignalWire.decode(Data(String(body.dropLast()).utf8)) }
        // A body with a repeated key is refused outright, naming it, escaped spellings of one key included.
        for (text, field) in [
            (unexpected[7], "severity"), (unexpected[8], "attributes.quality"), (unexpected[9], "context.first_seen"),
            (body.replacingOccurrences(of: #""severity":"#, with: #""s\u0065verity":"INFO","severity":"#), "severity"),
        ] {
            do {
                _ = try SignalWire.decode(Data(text.utf8))
                Issue.record("a body with a repeated key was read: \(text)")
            } catch {
                #expect(error.field == field && error.reason.contains("more than once"), "\(error)")
            }
        }
    }

    @Test func truncatedBodiesNeverCrashTheParser() throws {
        let body = try wire(Fixtures.financialDraft())
        for length in 0..<body.count {
            #expect(SignalWire.parse(body.prefix(length)) == nil)
        }
    }
}
