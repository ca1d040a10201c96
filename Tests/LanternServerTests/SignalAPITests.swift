import Foundation
import HTTPTypes
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Logging
import Testing

@Suite struct SignalAPITests {
    @Test func createGetListUpdateRemove() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            let created = try await client.send(.post, "/v1/signals", json: Bodies.url("HTTPS://Example.com/a#x"))
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? String)
            #expect(created.json["value"] as? String == "https://example.com/a")
            #expect(created.json["origin"] as? String == "alpha")

            let shown = try await client.send(.get, "/v1/signals/\(id)")
            #expect(shown.status == .ok)
            #expect(shown.json["raw_value"] as? String == "HTTPS://Example.com/a#x")

            let updated = try await client.send(.patch, "/v1/signals/\(id)", json: ["severity": "WARNING", "audience": ["bravo"]])
            #expect(updated.status == .ok)
            #expect(updated.json["severity"] as? String == "WARNING")
            #expect(updated.json["audience"] as? String == "allowlist")
            #expect(updated.json["allowlist"] as? [String] == ["bravo"])
            #expect(updated.json["revision"] as? Int == 2)

            let listed = try await client.send(.get, "/v1/signals?audience=bravo&type=url")
            #expect((listed.json["signals"] as? [Any])?.count == 1)

            let removed = try await client.send(.delete, "/v1/signals/\(id)?reason=no_longer_meets_purpose")
            #expect(removed.status == .ok)
            #expect(removed.json["reason"] as? String == "no_longer_meets_purpose")
            #expect(removed.json["value"] == nil)

            let gone = try await client.send(.get, "/v1/signals/\(id)")
            #expect(gone.status == .gone)
            #expect(gone.json["type"] as? String == "url")
            #expect(gone.json["value"] == nil)
            let again = try await client.send(.delete, "/v1/signals/\(id)?reason=entered_in_error")
            #expect(again.status == .gone)
        }
    }

    @Test func batchesReportEachItem() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            var bad = Bodies.url()
            bad["value"] = "no host"
            let reply = try await client.send(.post, "/v1/signals/batch", json: ["signals": [Bodies.url(), bad, Bodies.financial()]])
            #expect(reply.status == .ok)
            #expect(reply.json["created"] as? Int == 2)
            #expect(reply.json["rejected"] as? Int == 1)
            let results = try #require(reply.json["results"] as? [[String: Any]])
            #expect(results.map { $0["status"] as? String } == ["created", "rejected", "created"])
            #expect(results[1]["field"] as? String == "value")
            #expect(try harness.store.signals.count() == 2)

            let tooMany = try await client.send(.post, "/v1/signals/batch", json: ["signals": Array(repeating: Bodies.url(), count: 51)])
            #expect(tooMany.status == .contentTooLarge)
            #expect(tooMany.errorField == "signals")
            #expect(try harness.store.signals.count() == 2)
        }
    }

    @Test func importStreamsLinesInAtomicBatches() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            var lines: [String] = []
            for i in 0..<25 {
                let body = i == 10 ? ["type": "pdq", "value": "xyz"] : Bodies.url("https://example.com/\(i)")
                lines.append(String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self))
            }
            lines.insert("{not json", at: 3)
            lines.insert("", at: 5)
            let payload = Data(lines.joined(separator: "\n").utf8)
            let dry = try await client.send(.post, "/v1/signals/import?dry_run=true&batch_size=7", raw: payload, contentType: "application/x-ndjson")
            #expect(dry.json["created"] as? Int == 24)
            #expect(try harness.store.signals.count() == 0)

            let reply = try await client.send(.post, "/v1/signals/import?batch_size=7", raw: payload, contentType: "application/x-ndjson")
            #expect(reply.status == .ok)
            #expect(reply.json["lines"] as? Int == 27)
            #expect(reply.json["created"] as? Int == 24)
            #expect(reply.json["rejected"] as? Int == 2)
            #expect(reply.json["batches"] as? Int == 4)
            let errors = try #require(reply.json["errors"] as? [[String: Any]])
            #expect(errors.map { $0["line"] as? Int } == [4, 13])
            #expect(errors[1]["field"] as? String == "media_kind")
            #expect(try harness.store.signals.count() == 24)
        }
    }

    @Test func listingPagesWithCursors() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            for i in 0..<5 { _ = try await client.send(.post, "/v1/signals", json: Bodies.url("https://example.com/\(i)")) }
            let first = try await client.send(.get, "/v1/signals?limit=3")
            #expect((first.json["signals"] as? [Any])?.count == 3)
            let cursor = try #require(first.json["next_cursor"] as? String)
            let second = try await client.send(.get, "/v1/signals?limit=3&cursor=\(cursor)")
            #expect((second.json["signals"] as? [Any])?.count == 2)
            #expect(second.json["next_cursor"] == nil)
            let bad = try await client.send(.get, "/v1/signals?colour=red")
            #expect(bad.status == .badRequest)
            #expect(bad.errorField == "colour")
            let badLimit = try await client.send(.get, "/v1/signals?limit=5000")
            #expect(badLimit.errorField == "limit")
        }
    }

    @Test func anAuditorTokenReadsAndChangesNothing() async throws {
        let harness = try APIHarness()
        let auditor = try harness.store.tokens.create(name: "auditor", role: .auditor, now: Date()).secret
        try await harness.run { client in
            let created = try await client.send(.post, "/v1/signals", json: Bodies.url())
            let id = try #require(created.json["id"] as? String)
            let reader = client.with(token: auditor)
            #expect(try await reader.send(.get, "/v1/signals").status == .ok)
            #expect(try await reader.send(.get, "/v1/signals/\(id)").status == .ok)
            #expect(try await reader.send(.post, "/v1/signals", json: Bodies.url("https://example.com/b")).status == .forbidden)
            #expect(try await reader.send(.delete, "/v1/signals/\(id)?reason=entered_in_error").status == .forbidden)
            // Matching queues review items, a change: an auditor may not.
            let match = try await reader.send(.post, "/v1/match", json: ["items": [["type": "url", "value": "https://example.com/a"]]])
            #expect(match.status == .forbidden)
        }
    }

    @Test func participantsAndTaxonomyAreAdministered() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            let forbidden = try await client.send(.put, "/v1/participants/delta", json: ["role": "tech"])
            #expect(forbidden.status == .forbidden)
            let admin = client.with(token: harness.admin)
            #expect(try await admin.send(.put, "/v1/participants/delta", json: ["role": "tech"]).status == .ok)
            #expect(try await client.send(.post, "/v1/signals", json: Bodies.url(audience: "delta")).status == .created)
            let fiOptIn = try await admin.send(.put, "/v1/participants/bank", json: ["role": "financial", "financial_pool_opt_in": true])
            #expect(fiOptIn.errorField == "financial_pool_opt_in")

            let document = """
                {"version": "2099.1", "tags": [{"id": "csam", "name": "CSAM", "kind": "primary", "parameter": null, "definition": "d"},
                {"id": "brand_new", "name": "Brand new", "kind": "primary", "parameter": null, "definition": "d"}]}
                """
            let loaded = try await admin.send(.put, "/v1/taxonomy", raw: Data(document.utf8))
            #expect(loaded.status == .ok)
            var body = Bodies.url()
            body["tags"] = ["brand_new"]
            let tagged = try await client.send(.post, "/v1/signals", json: body)
            #expect(tagged.json["taxonomy_version"] as? String == "2099.1")
            let shown = try await client.send(.get, "/v1/taxonomy")
            #expect(shown.json["version"] as? String == "2099.1")
            let broken = try await admin.send(.put, "/v1/taxonomy", raw: Data("{".utf8))
            #expect(broken.status == .unprocessableContent)
        }
        // A restarted node keeps the loaded taxonomy.
        let reloaded = try SignalService(store: harness.store)
        #expect(reloaded.validator.taxonomy.version == "2099.1")
    }

    @Test func healthAndOpenAPIAreOpen() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            let anonymous = client.with(token: nil)
            #expect(try await anonymous.send(.get, "/v1/health").status == .ok)
            let ready = try await anonymous.send(.get, "/v1/ready")
            #expect(ready.json["status"] as? String == "ready")
            // Open without a token, so it names nobody.
            #expect(ready.json["participant"] == nil)
            #expect(!String(decoding: ready.body, as: UTF8.self).contains("alpha"))
            let spec = try await anonymous.send(.get, "/v1/openapi.json")
            #expect(spec.status == .ok)
            #expect(spec.json["openapi"] as? String == "3.1.0")
        }
    }
}
