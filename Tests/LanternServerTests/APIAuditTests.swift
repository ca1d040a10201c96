import Foundation
import GRDB
import HTTPTypes
import LanternCore
import LanternServer
import LanternTesting
import Testing

@testable import LanternStore

/// Every read and change of signals through the local API is recorded under its token, a change in the same
/// transaction, and the log never holds a value.
@Suite struct APIAuditTests {
    @Test func readsAndChangesAreRecordedUnderTheToken() async throws {
        let harness = try APIHarness()
        let value = "https://searched-for.example/secret-path"
        try await harness.run { client in
            let created = try await client.send(.post, "/v1/signals", json: Bodies.url(value))
            let id = try #require(created.json["id"] as? String)
            let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await client.send(.get, "/v1/signals?type=url&value=\(encoded)").status == .ok)
            #expect(try await client.send(.get, "/v1/signals/\(id)").status == .ok)
            #expect(try await client.send(.delete, "/v1/signals/\(id)?reason=entered_in_error").status == .ok)
            #expect(try await client.send(.get, "/v1/signals/\(id)").status == .gone)
        }
        let token = try #require(try harness.store.tokens.all().first { $0.name == "integration" })
        let records = try harness.store.audit.page(AuditFilter(), limit: 50).reversed().map(\.entry)
        #expect(records.map(\.action) == [.signalCreate, .signalSearch, .signalView, .signalRemove, .signalView])
        #expect(records.allSatisfy { $0.actor == .token(id: token.id, owner: nil) })
        let id = try #require(records[0].targets.first)
        #expect(records[1].targets == [id] && records[1].detail["type"] == "url")
        #expect(records[1].detail["value"] == (try harness.store.audit.valueDigest(value)))
        #expect(records[3].targets == [id] && records[3].detail["reason"] == "entered_in_error" && records[3].detail["type"] == "url")
        #expect(records[4].detail["found"] == "removed")
        #expect(try harness.store.audit.verify().isIntact)
        // Neither the value nor any part of it is in the log.
        let text = try await harness.store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT targets || detail || actor || address FROM audit_log").joined()
        }
        #expect(!text.contains("searched-for") && !text.contains("secret-path"))
    }

    @Test func aRefusedChangeLeavesNoRecordOfAChange() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            var body = Bodies.url()
            body["tags"] = ["no_such_tag"]
            let refused = try await client.send(.post, "/v1/signals", json: body)
            #expect(refused.status == .unprocessableContent)
        }
        #expect(try harness.store.audit.page(AuditFilter(action: .signalCreate), limit: 5).isEmpty)
    }

    @Test func importsAreRecordedBatchByBatchWithOrWithoutAnImportID() async throws {
        let harness = try APIHarness()
        let lines = (0..<3).map { i in
            #"{"type":"url","value":"https://imported.example/\#(i)","tags":["csam"],"severity":"SEVERE","review_status":"REVIEWED_MANUALLY","audience":"all"}"#
        }
        try await harness.run { client in
            let body = Data(lines.joined(separator: "\n").utf8)
            let first = try await client.send(.post, "/v1/signals/import?batch_size=2", raw: body, contentType: "application/x-ndjson")
            #expect(first.status == .ok)
            let again = Data(lines.map { $0.replacingOccurrences(of: "imported", with: "again") }.joined(separator: "\n").utf8)
            let resumable = "/v1/signals/import?batch_size=2&import_id=nightly-1"
            let second = try await client.send(.post, resumable, raw: again, contentType: "application/x-ndjson")
            #expect(second.status == .ok)
        }
        let records = try harness.store.audit.page(AuditFilter(action: .signalImport), limit: 10).reversed().map(\.entry)
        #expect(records.map(\.targets.count) == [2, 1, 2, 1])
        #expect(records.allSatisfy { if case .token = $0.actor { true } else { false } })
        #expect(try harness.store.audit.page(AuditFilter(action: .signalCreate), limit: 10).isEmpty)
    }
}
