import Foundation
import HTTPTypes
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Synchronization
import Testing

/// Behaviour fixed after review: expiry on read, updates racing removals, audience arrays, tag filters.
@Suite struct ReviewFixTests {
    @Test func expiredSignalsAreGoneBeforeTheSweeperRuns() async throws {
        let clock = Mutex(Fixtures.now)
        let harness = try APIHarness(clock: { clock.withLock { $0 } })
        try await harness.run { client in
            var body = Bodies.url()
            body["expires_at"] = Timestamp.format(Fixtures.now.addingTimeInterval(3600))
            let created = try await client.send(.post, "/v1/signals", json: body)
            let id = try #require(created.json["id"] as? String)
            #expect(try await client.send(.get, "/v1/signals/\(id)").status == .ok)
            clock.withLock { $0 = Fixtures.now.addingTimeInterval(7200) }
            let expired = try await client.send(.get, "/v1/signals/\(id)")
            #expect(expired.status == .gone)
            #expect(expired.error["code"] as? String == "expired")
            #expect((try await client.send(.get, "/v1/signals").json["signals"] as? [Any])?.isEmpty == true)
            #expect(try await client.send(.patch, "/v1/signals/\(id)", json: ["severity": "INFO"]).status == .gone)
        }
    }

    @Test func updatingARemovedSignalAnswersGone() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            let id = try #require(try await client.send(.post, "/v1/signals", json: Bodies.url()).json["id"] as? String)
            #expect(try await client.send(.delete, "/v1/signals/\(id)?reason=entered_in_error").status == .ok)
            let update = try await client.send(.patch, "/v1/signals/\(id)", json: ["severity": "INFO"])
            #expect(update.status == .gone)
        }
        #expect(throws: StoreError.self) {
            try harness.store.signals.updateLocal(Fixtures.signalID(42)) { $0 }
        }
    }

    @Test func anAudienceArrayIsAnAllowlist() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            let all = try await client.send(.post, "/v1/signals", json: Bodies.url(audience: ["all"]))
            #expect(all.status == .unprocessableContent)
            #expect(all.errorField == "audience")
            let pilot = try await client.send(.post, "/v1/signals", json: Bodies.url(audience: ["bravo"]))
            #expect(pilot.json["allowlist"] as? [String] == ["bravo"])
        }
    }

    @Test func tagFiltersKeepTheCaseOfReportIDs() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            var body = Bodies.url()
            body["tags"] = ["csam", "report_id:AbC123", "platform:Discord"]
            #expect(try await client.send(.post, "/v1/signals", json: body).status == .created)
            for filter in ["REPORT_ID:AbC123", "report_id", "platform:DISCORD", "Platform"] {
                let listed = try await client.send(.get, "/v1/signals?tag=\(filter)")
                #expect((listed.json["signals"] as? [Any])?.count == 1, "\(filter)")
            }
            for filter in ["report_id:abc123", "%", "report_id:%"] {
                let listed = try await client.send(
                    .get, "/v1/signals?tag=\(filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? filter)")
                #expect((listed.json["signals"] as? [Any])?.isEmpty == true, "\(filter)")
            }
        }
    }

    @Test func overlongTagsAreRefusedWithoutSuggestions() throws {
        #expect(throws: ValueError("A tag is at most 160 characters long.")) {
            try Taxonomy.builtIn.resolve(String(repeating: "x", count: 1_000_000))
        }
    }
}
