import Foundation
import HTTPTypes
import LanternCore
import LanternStore
import LanternTesting
import Testing

/// Where docs/openapi.json and the node met only after an API fuzzer compared them: methods a path does not
/// serve, parameters given twice or of the wrong form, batch elements of the wrong shape, numbers Foundation cannot
/// read as decimals.
@Suite struct APIContractTests {
    @Test func aMethodThePathDoesNotServeGets405WithTheMethodsItDoes() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            for (method, path, allowed) in [
                (HTTPRequest.Method.trace, "/v1/signals", "GET, POST"),
                (.delete, "/v1/signals/batch", "POST"),
                (.put, "/v1/review/items/7/claim", "POST"),
                (.post, "/v1/health", "GET"),
            ] {
                let reply = try await client.send(method, path)
                #expect(reply.status == .methodNotAllowed, "\(method) \(path): \(reply.status)")
                #expect(reply.headers[.allow] == allowed, "\(method) \(path)")
                #expect(reply.error["code"] as? String == "method_not_allowed")
            }
            #expect(try await client.send(.get, "/v1/no-such-thing").status == .notFound)
        }
    }

    @Test func parametersGivenTwiceUnknownOrOfTheWrongFormAreRefusedByName() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            for (method, uri, field) in [
                (HTTPRequest.Method.get, "/v1/signals?limit=5&limit=6", "limit"),
                (.post, "/v1/signals/import?dry_run=null", "dry_run"),
                (.post, "/v1/signals/import?dry_run=true&dry_run=true", "dry_run"),
                (.post, "/v1/signals/import?batchsize=10", "batchsize"),
                (.delete, "/v1/signals/01ARZ3NDEKTSV4RRFFQ69G5FAV?reason=entered_in_error&why=because", "why"),
            ] {
                let reply = try await client.send(method, uri, raw: Data("{}\n".utf8), contentType: "application/x-ndjson")
                #expect(reply.status == .badRequest, "\(uri): \(reply.status)")
                #expect(reply.errorField == field, "\(uri): \(reply.errorMessage)")
            }
            let admin = client.with(token: harness.admin)
            let review = try await admin.send(.get, "/v1/review/items?signal=aaaaaaaaaaaaaaaaaaaaaaaaaaa")
            #expect(review.status == .badRequest)
            #expect(review.errorField == "signal")
        }
        #expect(try harness.store.signals.count() == 0)
    }

    @Test func aBatchElementOfTheWrongShapeIsRejectedAloneAndTheRestIsCreated() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            var wrong = Bodies.url("https://example.com/wrong")
            wrong["quality"] = "high"
            let reply = try await client.send(.post, "/v1/signals/batch", json: ["signals": [wrong, Bodies.url("https://example.com/right")]])
            #expect(reply.status == .ok)
            let results = reply.json["results"] as? [[String: Any]] ?? []
            #expect(results.first?["status"] as? String == "rejected")
            #expect(results.first?["field"] as? String == "quality")
            #expect(results.last?["status"] as? String == "created")
            // An element that is not an object breaks the envelope: the whole request is refused.
            let broken = try await client.send(.post, "/v1/signals/batch", json: ["signals": [Bodies.url("https://example.com/other"), 7]])
            #expect(broken.status == .badRequest)
        }
        #expect(try harness.store.signals.count() == 1)
    }

    @Test func aMatchItemOfTheWrongShapeGetsItsOwnError() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            let reply = try await client.send(
                .post, "/v1/match", json: ["items": [[:] as [String: Any], ["type": "url", "value": "https://example.com/", "ref": "r1"]]])
            #expect(reply.status == .ok)
            let results = reply.json["results"] as? [[String: Any]] ?? []
            #expect(results.count == 2)
            #expect((results.first?["error"] as? [String: Any])?["field"] as? String == "items[0].type")
            #expect(results.last?["ref"] as? String == "r1")
            #expect(results.last?["matches"] as? [Any] != nil)
        }
    }

    @Test func anAmountBeyondWhatADecimalHoldsNamesTheField() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            for amount in ["5e-324", "-4.9e179"] {
                var body = String(decoding: try JSONSerialization.data(withJSONObject: Bodies.financial()), as: UTF8.self)
                let range = try #require(body.range(of: #""amount":[^,}]*"#, options: .regularExpression))
                body.replaceSubrange(range, with: "\"amount\":\(amount)")
                let reply = try await client.send(.post, "/v1/signals", raw: Data(body.utf8))
                #expect(reply.status == .badRequest, "\(amount)")
                #expect(reply.errorField == "transaction.amount", "\(amount): \(reply.errorMessage)")
            }
        }
        #expect(try harness.store.signals.count() == 0)
    }

    @Test func theNodesOwnRoleIsAConflictNotABadRequest() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            let reply = try await client.with(token: harness.admin).send(.put, "/v1/participants/alpha", json: ["role": "financial"])
            #expect(reply.status == .conflict)
            #expect(reply.errorField == "role")
            #expect(reply.error["code"] as? String == "own_role")
        }
    }
}
