import Foundation
import HTTPTypes
import LanternCore
import LanternStore
import LanternTesting
import Testing

@testable import LanternServer

/// `/v1/review`: matches of received signals queue for people, who claim and decide them.
@Suite struct ReviewAPITests {
    func received(_ draft: SignalDraft, _ n: UInt64, into harness: APIHarness) throws -> SignalID {
        let signal = try Fixtures.validator().validateNew(draft, id: Fixtures.signalID(n, at: Date()), author: Fixtures.alpha.id, now: Date())
        #expect(try harness.store.chains.applyReceivedSignal(signal))
        return signal.id
    }

    func match(_ client: APIHarness.Client, _ items: [[String: Any]]) async throws -> [[String: Any]] {
        let reply = try await client.send(.post, "/v1/match", json: ["items": items])
        #expect(reply.status == .ok)
        return (reply.json["results"] as? [[String: Any]] ?? []).map { ($0["matches"] as? [[String: Any]])?.first ?? [:] }
    }

    @Test func aMatchIsQueuedClaimedAndDecidedAndItsReactionSent() async throws {
        let harness = try APIHarness(as: Fixtures.bravo)
        let url = try received(Fixtures.urlDraft("https://bad.example/x"), 1, into: harness)
        var keyword = Fixtures.urlDraft()
        (keyword.type, keyword.value, keyword.language) = ("keyword", "send pics", "en")
        _ = try received(keyword, 2, into: harness)
        let ana = try harness.store.tokens.create(name: "ana", role: .investigator, now: Date()).secret
        let ben = try harness.store.tokens.create(name: "ben", role: .investigator, now: Date()).secret
        try await harness.run { client in
            let own = try await client.send(.post, "/v1/signals", json: Bodies.url("https://mine.example/"))
            #expect(own.status == .created)
            let text = String(repeating: "word ", count: 100) + "please send pics now" + String(repeating: " more", count: 100)
            let found = try await match(
                client,
                [
                    ["type": "url", "value": "https://bad.example/x", "ref": "post-1"],
                    ["type": "text", "value": text, "language": "en", "ref": "chat-2"],
                    ["type": "url", "value": "https://mine.example/", "ref": "post-3"],
                    ["type": "url", "value": "https://bad.example/x", "ref": "post-1"],
                ])
            let item = try #require(found[0]["review_item"] as? Int)
            #expect(found[3]["review_item"] as? Int == item)  // the same item and signal again: the same review item
            #expect(found[2]["signal"] != nil && found[2]["review_item"] == nil)  // this node's own signal: nothing to review

            // Integrations submit matches; people review them.
            #expect(try await client.send(.get, "/v1/review/items").status == .forbidden)
            let anaClient = client.with(token: ana)
            let benClient = client.with(token: ben)
            let listed = try await anaClient.send(.get, "/v1/review/items")
            let items = try #require(listed.json["items"] as? [[String: Any]])
            #expect(items.map { $0["ref"] as? String } == ["post-1", "chat-2"])
            #expect(items[0]["match_count"] as? Int == 2 && items[0]["status"] as? String == "open")
            #expect((items[0]["signal"] as? [String: Any])?["id"] as? String == url.rawValue)
            let excerpt = try #require(items[1]["item_value"] as? String)
            #expect(excerpt.contains("please send pics now") && excerpt.count < 400)
            #expect((items[1]["reason"] as? [String: Any])?["kind"] as? String == "keyword")

            let claimed = try await anaClient.send(.post, "/v1/review/items/\(item)/claim")
            #expect(claimed.status == .ok && claimed.json["claimed_by"] as? String == "ana" && claimed.json["status"] as? String == "claimed")
            let taken = try await benClient.send(.post, "/v1/review/items/\(item)/claim")
            #expect(taken.status == .conflict && taken.errorMessage.contains("claimed by ana"))
            let benDecides = try await benClient.send(.post, "/v1/review/items/\(item)/decision", json: ["decision": "false_positive"])
            #expect(benDecides.status == .conflict)
            let badDecision = try await anaClient.send(.post, "/v1/review/items/\(item)/decision", json: ["decision": "maybe"])
            #expect(badDecision.status == .unprocessableContent && badDecision.errorField == "decision")
            let badAction = try await anaClient.send(
                .post, "/v1/review/items/\(item)/decision", json: ["decision": "confirmed", "actions": ["banned"]])
            #expect(badAction.status == .unprocessableContent && badAction.errorField == "actions")
            let actionsOnFP = try await anaClient.send(
                .post, "/v1/review/items/\(item)/decision", json: ["decision": "false_positive", "actions": ["url_blocked"]])
            #expect(actionsOnFP.status == .unprocessableContent && actionsOnFP.errorField == "actions")
            #expect(try await anaClient.send(.get, "/v1/review/items/\(item)").json["status"] as? String == "claimed")

            let decided = try await anaClient.send(
                .post, "/v1/review/items/\(item)/decision",
                json: ["decision": "confirmed", "actions": ["url_blocked"], "note": "blocked at the edge"])
            #expect(decided.status == .ok && decided.json["status"] as? String == "confirmed" && decided.json["decided_by"] as? String == "ana")
            let reactions = try await client.send(.get, "/v1/signals/\(url)/reactions")
            #expect((reactions.json["reactions"] as? [[String: Any]])?.first?["reactions"] as? [String] == ["ACTION_TAKEN"])
            let again = try await anaClient.send(.post, "/v1/review/items/\(item)/decision", json: ["decision": "false_positive"])
            #expect(again.status == .conflict)
            let shown = try await anaClient.send(.get, "/v1/review/items/\(item)")
            let history = try #require(shown.json["decisions"] as? [[String: Any]])
            #expect(
                history.count == 1 && history[0]["note"] as? String == "blocked at the edge"
                    && history[0]["reactions"] as? [String] == ["ACTION_TAKEN"])

            // needs_info sends nothing when asked not to, and leaves the item for another look.
            let chat = try #require(items[1]["id"] as? Int)
            let waiting = try await benClient.send(.post, "/v1/review/items/\(chat)/decision", json: ["decision": "needs_info", "reactions": []])
            #expect(waiting.json["status"] as? String == "needs_info")
            let pending = try await anaClient.send(.get, "/v1/review/items?status=needs_info")
            #expect((pending.json["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [chat])
            // Claimed and released again, it still needs information.
            #expect(try await anaClient.send(.post, "/v1/review/items/\(chat)/claim").json["status"] as? String == "claimed")
            let released = try await anaClient.send(.post, "/v1/review/items/\(chat)/release")
            #expect(released.status == .ok && released.json["status"] as? String == "needs_info" && released.json["claimed_by"] == nil)
            #expect(try await anaClient.send(.post, "/v1/review/items/\(chat)/release").status == .conflict)

            // Pages of one item: next_after leads to the next page, and is absent on the last.
            let page1 = try await anaClient.send(.get, "/v1/review/items?status=all&limit=1")
            let next = try #require(page1.json["next_after"] as? Int)
            #expect((page1.json["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [item])
            let page2 = try await anaClient.send(.get, "/v1/review/items?status=all&limit=1&after=\(next)")
            #expect((page2.json["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [chat])
            let page3 = try await anaClient.send(.get, "/v1/review/items?status=all&limit=1&after=\(chat)")
            #expect((page3.json["items"] as? [Any])?.isEmpty == true && page3.json["next_after"] == nil)

            let outcomes = try await client.send(.get, "/v1/review/outcomes")
            #expect((outcomes.json["actions"] as? [String: Int])?["url_blocked"] == 1)
            #expect((outcomes.json["items"] as? [String: Int]) == ["confirmed": 1, "needs_info": 1])
            #expect(outcomes.json["repeat_matches"] as? Int == 1)

            #expect(try await anaClient.send(.get, "/v1/review/items/999").status == .notFound)
            #expect(try await anaClient.send(.post, "/v1/review/items/x/claim").status == .badRequest)
            #expect(try await anaClient.send(.get, "/v1/review/items?status=done").errorField == "status")
            #expect(try await anaClient.send(.get, "/v1/review/items?status=").errorField == "status")
            #expect(try await anaClient.send(.get, "/v1/review/items?status=open,").errorField == "status")
            let everything = try await anaClient.send(.get, "/v1/review/items?status=open,all")
            #expect((everything.json["items"] as? [Any])?.count == 2)
            // References are checked like any field: nothing is matched or queued for a bad one.
            let refs = try await client.send(
                .post, "/v1/match",
                json: [
                    "items": [
                        ["type": "url", "value": "https://bad.example/x", "ref": "a\tb"],
                        ["type": "url", "value": "https://bad.example/x", "ref": ""],
                    ]
                ])
            let refErrors = (refs.json["results"] as? [[String: Any]] ?? []).map { ($0["error"] as? [String: Any])?["field"] as? String }
            #expect(refErrors == ["items[0].ref", "items[1].ref"])
        }
    }

    @Test func aFloodingSignalIsFlaggedAndSuppressed() async throws {
        let harness = try APIHarness(
            as: Fixtures.bravo, configuration: NodeConfiguration(maxBodyBytes: 64 * 1024, maxBatchItems: 50, reviewFlagThreshold: 2))
        let hash = String(repeating: "ab", count: 32)
        let pdq = try received(Fixtures.pdqDraft(hash), 1, into: harness)
        try await harness.run { client in
            let found = try await match(client, (1...4).map { ["type": "pdq", "value": hash, "ref": "img-\($0)"] })
            #expect(found.allSatisfy { $0["review_item"] != nil })
            let admin = client.with(token: harness.admin)
            let flags = try await admin.send(.get, "/v1/review/flags")
            let flagged = try #require(flags.json["flags"] as? [[String: Any]])
            #expect(flagged.map { $0["signal_id"] as? String } == [pdq.rawValue] && flagged.first?["items"] as? Int == 2)
            let held = try await admin.send(.get, "/v1/review/items?status=held")
            #expect((held.json["items"] as? [Any])?.count == 2)
            let bad = try await admin.send(.post, "/v1/review/flags/\(pdq)/decision", json: ["decision": "ignore"])
            #expect(bad.status == .unprocessableContent && bad.errorField == "decision")
            let suppressed = try await admin.send(.post, "/v1/review/flags/\(pdq)/decision", json: ["decision": "suppress"])
            #expect(suppressed.status == .ok && suppressed.json["status"] as? String == "suppressed")
            #expect(try await admin.send(.post, "/v1/review/flags/\(pdq)/decision", json: ["decision": "clear"]).status == .conflict)
            let reactions = try await client.send(.get, "/v1/signals/\(pdq)/reactions")
            #expect((reactions.json["reactions"] as? [[String: Any]])?.first?["reactions"] as? [String] == ["NOT_HELPFUL"])
            let all = try await admin.send(.get, "/v1/review/items?status=all")
            #expect((all.json["items"] as? [[String: Any]])?.map { $0["status"] as? String } == ["open", "open", "suppressed", "suppressed"])
            #expect(try await admin.send(.post, "/v1/review/flags/\(Fixtures.signalID(9))/decision", json: ["decision": "clear"]).status == .notFound)
        }
    }
}
