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
}
