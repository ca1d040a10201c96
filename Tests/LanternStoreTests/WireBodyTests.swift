import Foundation
import GRDB
import LanternCore
import LanternSync
import LanternTesting
import LanternWire
import Testing

@testable import LanternStore

/// The chain builder and the peer endpoint assemble a signal's canonical body from its row without decoding it;
/// it must be byte for byte what `SignalWire` writes from the signal, or every digest breaks.
@Suite struct WireBodyTests {
    @Test func theBodyFromTheRowIsTheCanonicalBody() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let validator = Fixtures.validator()
        var described = Fixtures.financialDraft()
        described.description = "Said \"pay\" twice,\nthen a tab\tand ünïcødé ✓"
        described.confidence = 80
        described.firstSeen = "2026-09-01"
        described.related = [Fixtures.signalID(7).rawValue]
        var prefix = Fixtures.urlDraft("HTTPS://Exämple.com/a/b?x=1&y=\"2\"", audience: "bravo,charlie")
        prefix.pathPrefix = true
        var keyword = Fixtures.urlDraft()
        keyword.type = "keyword"
        keyword.value = "Ça Va \\ \"quoted\""
        keyword.language = "fr"
        var username = Fixtures.urlDraft()
        username.type = "username"
        username.value = "@Someone"
        username.platform = "discord"
        username.tags = ["grooming_sexual", "platform:discord"]
        let drafts = [Fixtures.urlDraft(), Fixtures.pdqDraft(), described, prefix, keyword, username]
        let signals = try drafts.enumerated().map {
            try validator.validateNew($0.element, id: Fixtures.signalID(UInt64($0.offset)), author: Fixtures.alpha.id, now: Fixtures.now)
        }
        let stored = try store.signals.addLocal(signals)
        for signal in stored {
            let row = try #require(
                try store.writer.read { db in
                    try Row.fetchOne(db, sql: "SELECT \(SignalCodec.columns) FROM signals WHERE id = ?", arguments: [signal.id.rawValue])
                })
            let fromRow = String(decoding: SignalCodec.wireBody(row), as: UTF8.self)
            #expect(fromRow == String(decoding: SignalWire.encode(signal), as: UTF8.self))
            #expect(try SignalWire.decode(Data(fromRow.utf8)) == signal)
        }
        // Serving a chain writes the same bodies straight from the rows.
        while try store.chains.build() > 0 {}
        var served: [String: Data] = [:]
        for (origin, scope, _) in try store.chains.positions() {
            for event in try store.chains.events(origin: origin, scope: scope, after: 0) { served[event.signalID] = event.body }
        }
        for signal in stored { #expect(served[signal.id.rawValue] == SignalWire.encode(signal)) }
    }

    @Test func bytesAreEscapedAsTextIs() throws {
        let texts = ["plain", "quote \" and \\ back", "lines\n\r\ttab", "ünïcødé ✓ 🦊", String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)]
        for text in texts {
            var fromText = ""
            JSONText.appendString(text, to: &fromText)
            var fromBytes: [UInt8] = []
            Array(text.utf8).withUnsafeBytes { JSONText.appendString($0, to: &fromBytes) }
            #expect(String(decoding: fromBytes, as: UTF8.self) == fromText)
            #expect(try JSONDecoder().decode(String.self, from: Data(fromBytes)) == text)
        }
    }
}
