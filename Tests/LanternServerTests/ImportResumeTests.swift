import Foundation
import HTTPTypes
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Logging
import Testing

@Suite struct ImportResumeTests {
    @Test func anImportIDResumesAfterTheLastCommittedLine() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            let lines = (0..<10).map { i in
                String(decoding: try! JSONSerialization.data(withJSONObject: Bodies.url("https://example.com/\(i)")), as: UTF8.self)
            }
            let firstHalf = Data(lines.prefix(6).joined(separator: "\n").utf8)
            let whole = Data(lines.joined(separator: "\n").utf8)
            let first = try await client.send(.post, "/v1/signals/import?import_id=file-1&batch_size=3", raw: firstHalf)
            #expect(first.json["created"] as? Int == 6)
            let second = try await client.send(.post, "/v1/signals/import?import_id=file-1&batch_size=3", raw: whole)
            #expect(second.json["skipped"] as? Int == 6)
            #expect(second.json["created"] as? Int == 4)
            let third = try await client.send(.post, "/v1/signals/import?import_id=file-1", raw: whole)
            #expect(third.json["created"] as? Int == 0)
            let other = try await client.send(.post, "/v1/signals/import?import_id=file-2", raw: whole)
            #expect(other.json["created"] as? Int == 10)
            let bad = try await client.send(.post, "/v1/signals/import?import_id=no%20spaces", raw: whole)
            #expect(bad.errorField == "import_id")
        }
        #expect(try harness.store.signals.count() == 20)
        #expect(try harness.store.signals.importProgress(id: "file-1") == 10)
    }
}
