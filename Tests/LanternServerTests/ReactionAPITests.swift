import Foundation
import HTTPTypes
import LanternCore
import LanternStore
import LanternTesting
import Testing

@testable import LanternServer

@Suite struct ReactionAPITests {
    func received(_ draft: SignalDraft, _ n: UInt64, into harness: APIHarness) throws -> SignalID {
        let signal = try Fixtures.validator().validateNew(draft, id: Fixtures.signalID(n, at: Date()), author: Fixtures.alpha.id, now: Date())
        #expect(try harness.store.chains.applyReceivedSignal(signal))
        return signal.id
    }

    @Test func aConsumerReactsToWhatItReceivedAndNothingElse() async throws {
        let harness = try APIHarness(as: Fixtures.bravo)
        let everyone = try received(Fixtures.urlDraft(), 1, into: harness)
        let pilot = try received(Fixtures.urlDraft(audience: "charlie"), 2, into: harness)
        try await harness.run { client in
            let reacted = try await client.send(.put, "/v1/signals/\(everyone)/reactions", json: ["reactions": ["HELPFUL", "SAW_THIS_TOO"]])
            #expect(reacted.status == .ok)
            #expect(reacted.json["reactions"] as? [String] == ["HELPFUL", "SAW_THIS_TOO"])
            #expect(reacted.json["reactor"] as? String == "bravo")
            let listed = try await client.send(.get, "/v1/signals/\(everyone)/reactions")
            #expect((listed.json["reactions"] as? [[String: Any]])?.first?["reactions"] as? [String] == ["HELPFUL", "SAW_THIS_TOO"])

            let badWord = try await client.send(.put, "/v1/signals/\(everyone)/reactions", json: ["reactions": ["LOVE_IT"]])
            #expect(badWord.status == .unprocessableContent)
            #expect(badWord.errorField == "reactions")
            #expect(badWord.errorMessage.contains("'LOVE_IT' is not a reaction"))
            // A copy this node should never have held (it is not in the allowlist) cannot be reacted to.
            let outside = try await client.send(.put, "/v1/signals/\(pilot)/reactions", json: ["reactions": ["HELPFUL"]])
            #expect(outside.status == .forbidden)
            #expect(outside.errorMessage.contains("not in this signal's audience"))

            let own = try await client.send(.post, "/v1/signals", json: Bodies.url("https://mine.example/"))
            let ownID = try #require(own.json["id"] as? String)
            let onOwn = try await client.send(.put, "/v1/signals/\(ownID)/reactions", json: ["reactions": ["HELPFUL"]])
            #expect(onOwn.status == .forbidden)
            let unknown = try await client.send(.put, "/v1/signals/\(Fixtures.signalID(9))/reactions", json: ["reactions": ["HELPFUL"]])
            #expect(unknown.status == .notFound)
            let noBody = try await client.send(.put, "/v1/signals/\(everyone)/reactions", json: ["reaction": "HELPFUL"])
            #expect(noBody.status == .badRequest || noBody.status == .unprocessableContent)
        }
        // Only the unchanged first set is stored.
        #expect(try harness.store.reactions.all(on: everyone).map(\.kinds) == [[.helpful, .sawThisToo]])
    }

    @Test func aFinancialInstitutionReactsToThePoolOnly() async throws {
        let harness = try APIHarness(as: Fixtures.finco)
        let pool = try received(Fixtures.financialDraft(), 1, into: harness)
        try await harness.run { client in
            let reacted = try await client.send(.put, "/v1/signals/\(pool)/reactions", json: ["reactions": ["INGESTED"]])
            #expect(reacted.status == .ok)
            let authored = try await client.send(.post, "/v1/signals", json: Bodies.url("https://x.example/"))
            #expect(authored.status == .forbidden || authored.status == .unprocessableContent)
        }
    }
}
