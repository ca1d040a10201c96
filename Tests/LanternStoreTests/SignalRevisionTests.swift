import Foundation
import GRDB
import LanternCore
import LanternTesting
import Testing

@testable import LanternStore

/// The history of an own signal's changes: written with each change, read newest first, gone with the signal.
@Suite struct SignalRevisionTests {
    let directory: TemporaryDirectory
    let store: NodeStore
    let validator = Fixtures.validator()

    init() throws {
        directory = try TemporaryDirectory()
        store = try Fixtures.store(in: directory)
    }

    func stored(_ n: UInt64, _ draft: SignalDraft = Fixtures.urlDraft()) throws -> Signal {
        let signal = try validator.validateNew(draft, id: Fixtures.signalID(n), author: Fixtures.alpha.id, now: Fixtures.now)
        return try store.signals.addLocal([signal])[0]
    }

    func change(_ signal: Signal, _ edit: (inout SignalDraft) -> Void) throws -> Signal {
        var patch = SignalDraft()
        edit(&patch)
        return try store.signals.updateLocal(signal.id) { existing in
            try validator.validateUpdate(patch, to: existing, actor: Fixtures.alpha.id, now: Fixtures.now.addingTimeInterval(60))
        }
    }

    @Test func eachChangeIsRecordedWithItsFieldsAndWho() throws {
        let signal = try stored(1)
        let scope = AuditScope(actor: .user("ana"), address: "127.0.0.1")
        let first = try AuditScope.$current.withValue(scope) {
            try change(signal) {
                $0.severity = "INFO"
                $0.description = "seen twice"
            }
        }
        let second = try change(first) { $0.audience = "bravo" }
        let revisions = try store.signals.revisions(of: signal.id)
        #expect(revisions.map(\.revision) == [second.revision, first.revision])
        #expect(revisions[1].changedBy == "user:ana" && revisions[0].changedBy == nil)
        #expect(revisions[1].changedAt == first.updatedAt)
        #expect(
            revisions[1].changes == [
                FieldChange(field: "severity", from: signal.severity.rawValue, to: "INFO"),
                FieldChange(field: "description", from: nil, to: "seen twice"),
            ])
        #expect(revisions[0].changes == [FieldChange(field: "audience", from: "all", to: "bravo")])
    }

    @Test func aRemovalTakesTheHistoryWithIt() throws {
        let signal = try stored(1)
        let kept = try stored(2, Fixtures.urlDraft("https://example.com/kept"))
        _ = try change(signal) { $0.severity = "INFO" }
        _ = try change(kept) { $0.severity = "INFO" }
        try store.signals.remove(signal.id, reason: .enteredInError, now: Fixtures.now.addingTimeInterval(120))
        #expect(try store.signals.revisions(of: signal.id).isEmpty)
        #expect(try store.signals.revisions(of: kept.id).count == 1)
        let rows = try store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM signal_revisions WHERE signal_id = ?", arguments: [signal.id.rawValue])
        }
        #expect(rows == 0)
    }

    @Test func expiryTakesTheHistoryWithIt() throws {
        let signal = try stored(1)
        _ = try change(signal) { $0.severity = "INFO" }
        _ = try store.signals.expire(now: signal.expiresAt.addingTimeInterval(1))
        #expect(try store.signals.revisions(of: signal.id).isEmpty)
    }
}
