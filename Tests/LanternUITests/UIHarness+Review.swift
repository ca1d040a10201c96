import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanternCore
import LanternStore
import LanternTesting
import Testing

@testable import LanternUI

extension UIHarness {
    /// Stores a signal of bravo's as a pull would.
    func received(_ draft: SignalDraft, _ n: UInt64) throws -> SignalID {
        let signal = try Fixtures.validator().validateNew(
            draft, id: Fixtures.signalID(n, at: Date(), origin: Fixtures.bravo.id), author: Fixtures.bravo.id, now: Date())
        #expect(try store.chains.applyReceivedSignal(signal))
        return signal.id
    }

    /// Matches items through the local API, as an integration does, which queues the matches for review.
    /// - Returns: the review item of each item's first match, if any.
    func match(_ items: [[String: String]], client: any TestClientProtocol) async throws -> [Int?] {
        let secret = try store.tokens.create(name: "ingest", role: .integration, now: Date()).secret
        let body = try JSONSerialization.data(withJSONObject: ["items": items])
        let response = try await client.execute(
            uri: "/v1/match", method: .post, headers: [.authorization: "Bearer \(secret)", .contentType: "application/json"],
            body: ByteBuffer(bytes: body))
        #expect(response.status == .ok)
        let json = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
        return (json?["results"] as? [[String: Any]] ?? []).map { result in
            ((result["matches"] as? [[String: Any]])?.first?["review_item"] as? Int)
        }
    }
}
