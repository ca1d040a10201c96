import Foundation
import HTTPTypes
import LanternCore
import LanternStore
import LanternTesting
import Testing

@testable import LanternServer

/// `POST /v1/match` over the node's signals, its own and received ones, following every change at once.
@Suite struct MatchAPITests {
    @Test func itemsOfEveryKindFindTheirSignalsAndBadItemsTheirField() async throws {
        let harness = try APIHarness(as: Fixtures.bravo)
        let validator = Fixtures.validator()
        var keyword = Fixtures.urlDraft()
        keyword.type = "keyword"
        keyword.value = "send pics"
        keyword.language = "en"
        let received = try [Fixtures.pdqDraft(), Fixtures.urlDraft("https://bad.example/x"), keyword].enumerated().map { n, draft in
            try validator.validateNew(draft, id: Fixtures.signalID(UInt64(n + 1), at: Date()), author: Fixtures.alpha.id, now: Date())
        }
        for signal in received { #expect(try harness.store.chains.applyReceivedSignal(signal)) }
        let near = "ab" + String(repeating: "ab", count: 30) + "aa"  // 1 bit away from the received PDQ hash
        try await harness.run { client in
            let reply = try await client.send(
                .post, "/v1/match",
                json: [
                    "items": [
                        ["type": "pdq", "value": near, "ref": "img-1"],
                        ["type": "url", "value": "HTTPS://BAD.example/x", "ref": "post-2"],
                        ["type": "text", "value": "please Send Pics", "language": "en", "ref": "chat-3"],
                        ["type": "url", "value": "https://fine.example/", "ref": "post-4"],
                        ["type": "pdq", "value": "xyz", "ref": "img-5"],
                        ["type": "pdq", "value": near, "quality": 20, "ref": "img-6"],
                        ["type": "colour", "value": "red", "ref": "x-7"],
                    ]
                ])
            #expect(reply.status == .ok)
            let results = try #require(reply.json["results"] as? [[String: Any]])
            #expect(results.map { $0["ref"] as? String } == ["img-1", "post-2", "chat-3", "post-4", "img-5", "img-6", "x-7"])
            func first(_ index: Int) -> [String: Any]? { (results[index]["matches"] as? [[String: Any]])?.first }
            #expect((first(0)?["signal"] as? [String: Any])?["id"] as? String == received[0].id.rawValue)
            #expect((first(0)?["reason"] as? [String: Any])?["distance"] as? Int == 1)
            #expect((first(0)?["signal"] as? [String: Any])?["origin"] as? String == "alpha")
            #expect((first(1)?["reason"] as? [String: Any])?["kind"] as? String == "exact")
            #expect((first(2)?["reason"] as? [String: Any])?["start"] as? Int == 7)
            #expect((results[3]["matches"] as? [Any])?.isEmpty == true)
            #expect((results[4]["error"] as? [String: Any])?["field"] as? String == "items[4].value")
            #expect(((results[5]["error"] as? [String: Any])?["message"] as? String)?.contains("below 50") == true)
            #expect((results[6]["error"] as? [String: Any])?["field"] as? String == "items[6].type")

            // A new signal matches at once, and stops matching at once when it is removed.
            func matchCount(_ url: String) async throws -> Int? {
                let reply = try await client.send(.post, "/v1/match", json: ["items": [["type": "url", "value": url]]])
                return ((reply.json["results"] as? [[String: Any]])?.first?["matches"] as? [Any])?.count
            }
            let created = try await client.send(.post, "/v1/signals", json: Bodies.url("https://new.example/"))
            let id = try #require(created.json["id"] as? String)
            #expect(try await matchCount("https://new.example/") == 1)
            #expect(try await client.send(.delete, "/v1/signals/\(id)?reason=entered_in_error").status == .ok)
            #expect(try await matchCount("https://new.example/") == 0)

            let empty = try await client.send(.post, "/v1/match", json: ["items": []])
            #expect(empty.status == .badRequest && empty.errorField == "items")
            let tooMany = try await client.send(.post, "/v1/match", json: ["items": Array(repeating: ["type": "md5", "value": "00"], count: 51)])
            #expect(tooMany.status == .contentTooLarge && tooMany.errorField == "items")
        }
    }
}
