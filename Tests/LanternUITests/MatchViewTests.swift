import Foundation
import Testing

@testable import LanternUI

/// The match view's arithmetic, without pages: marked runs, hosts and prefixes in URLs as given, and PDQ bits.
@Suite struct MatchViewTests {
    func marked(_ segments: [[String: Any]]) -> String {
        segments.map { ($0["mark"] as? Bool == true) ? "[\($0["text"] as? String ?? "")]" : ($0["text"] as? String ?? "") }.joined()
    }

    @Test func segmentsMarkARangeAndClampIt() {
        #expect(marked(MatchView.segments("hello world", marking: 6..<11)) == "hello [world]")
        #expect(marked(MatchView.segments("héllo", marking: 1..<2)) == "h[é]llo")
        #expect(marked(MatchView.segments("short", marking: 3..<99)) == "sho[rt]")
        #expect(marked(MatchView.segments("short", marking: 0..<0)) == "short")
    }

    @Test func theHostOrItsParentDomainIsMarked() {
        #expect(MatchView.hostRange(of: "bad.example", in: "HTTPS://Cdn.Bad.Example/x?q=bad.example") == 12..<23)
        #expect(MatchView.hostRange(of: "bad.example", in: "https://bad.example:8443/") == 8..<19)
        #expect(MatchView.hostRange(of: "bad.example", in: "https://bad.example.org/").isEmpty)
        #expect(MatchView.prefixRange(of: "https://bad.example/dir/", in: "HTTPS://bad.example/dir/file") == 0..<24)
    }

    @Test func pdqBitsThatDifferAreCounted() throws {
        let a = String(repeating: "0", count: 64)
        let b = "f" + String(repeating: "0", count: 62) + "1"
        let diff = try #require(MatchView.pdq(item: a, signal: b))
        #expect(diff["distance"] as? Int == 5)
        let cells = try #require(diff["cells"] as? [[String: Any]])
        #expect(cells.count == 256 && cells.filter { $0["kind"] as? String == "bit-differs" }.count == 5)
        #expect(cells[255]["kind"] as? String == "bit-differs" && cells[255]["x"] as? Int == 150 && cells[255]["y"] as? Int == 150)
        #expect(((diff["item"] as? [[String: Any]])?.filter { $0["differs"] as? Bool == true }.count) == 2)
        #expect(MatchView.pdq(item: "xyz", signal: b) == nil)
    }

    @Test func aKeywordIsMarkedWhereTheExcerptCutIt() {
        let values = MatchView.values(
            reason: #"{"kind":"keyword","start":200,"end":209}"#, itemType: "text",
            itemValue: String(repeating: "a", count: 120) + "send pics" + "b", signalValue: "send pics")
        #expect(marked(values["segments"] as? [[String: Any]] ?? []).contains("[send pics]"))
        #expect(MatchView.values(reason: nil, itemType: "url", itemValue: "x", signalValue: nil)["explanation"] as? String != nil)
    }
}
