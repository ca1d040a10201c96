import Foundation
import LanternCore
import LanternTesting
import Testing

@testable import LanternSync

@Suite struct SignalWireTests {
    func signal(_ draft: SignalDraft = Fixtures.urlDraft("https://example.com/a b?x=%7e")) throws -> Signal {
        var signal = try Fixtures.validator().validateNew(draft, id: Fixtures.signalID(1), author: Fixtures.alpha.id, now: Fixtures.now)
        signal.revision = 7
        return signal
    }

    @Test func bodiesRoundTripAndAreCanonical() throws {
        var draft = Fixtures.financialDraft()
        draft.description = "line one\nline \"two\""
        draft.related = [Fixtures.signalID(5).rawValue]
        draft.confidence = 55
        let original = try signal(draft)
        let bytes = SignalWire.encode(original)
        #expect(try SignalWire.decode(bytes) == original)
        #expect(SignalWire.encode(try SignalWire.decode(bytes)) == bytes)
        #expect(SignalWire.encode(try signal()) == SignalWire.encode(try signal()))
    }

    @Test func aPeersBodyIsCheckedLikeUserInput() throws {
        let good = try JSONSerialization.jsonObject(with: SignalWire.encode(try signal())) as! [String: Any]
        func refusal(_ change: (inout [String: Any]) -> Void) -> String? {
            var object = good
            change(&object)
            do {
                _ = try SignalWire.decode(try JSONSerialization.data(withJSONObject: object))
                return nil
            } catch {
                return (error as? ValidationError)?.field
            }
        }
        #expect(refusal { _ in } == nil)
        #expect(refusal { $0["value"] = "https://evil.example/" } == "value")
        #expect(refusal { $0["raw_value"] = "not a url" } == "value")
        #expect(refusal { $0["id"] = "nope" } == "id")
        #expect(refusal { $0["tags"] = [] } == "tags")
        #expect(refusal { $0["tags"] = ["Bad Tag"] } == "tags[0]")
        #expect(refusal { $0["severity"] = "HUGE" } == "severity")
        #expect(refusal { $0["audience"] = "allow:" } == "audience")
        #expect(refusal { $0["audience"] = "financial" } == "context.transaction")
        #expect(refusal { $0["expires_at"] = 0 } == "expires_at")
        #expect(refusal { $0["type"] = 5 } == "body")
        #expect(throws: ValidationError.self) { try SignalWire.decode(Data("{".utf8)) }
    }

    /// The byte-level tag reader against the rule written with characters.
    @Test func tagsAreReadByTheRule() {
        func byRule(_ text: String) -> TagRef? {
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let id = String(parts[0])
            guard !id.isEmpty, id.count <= 64, id.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F })
            else { return nil }
            guard parts.count == 2 else { return TagRef(id: id) }
            let parameter = String(parts[1])
            guard !parameter.isEmpty, parameter.utf8.count <= 64, !parameter.contains(where: { $0.isWhitespace || $0 == ":" }) else {
                return nil
            }
            return TagRef(id: id, parameter: parameter)
        }
        var texts = [
            "grooming", "platform:discord", "report_id:12345", "", ":", "a:", ":b", "Bad Tag", "a:b:c", "a:b c", "a:b\u{00A0}c",
            "a:b\u{2028}", "a:bücher", "a:\u{301}b", "a:\u{200D}", "csam:\u{0301}", "a\u{301}:b", "a:b\u{301}", "a:\r\n",
            String(repeating: "a", count: 64), String(repeating: "a", count: 65),
            "a:" + String(repeating: "b", count: 64), "a:" + String(repeating: "b", count: 65), "a:" + String(repeating: "é", count: 33),
        ]
        texts += (UInt8(0)...UInt8(127)).map { "p:x" + String(UnicodeScalar($0)) + "y" }
        texts += (UInt8(0)...UInt8(127)).map { String(UnicodeScalar($0)) + "_tag" }
        for text in texts { #expect(SignalWire.parseTag(text) == byRule(text), "\(text.debugDescription)") }
    }
}
