import Foundation
import GRDB
import LanternCore
import LanternTesting
import Testing

@testable import LanternStore

@Suite struct AuditStoreTests {
    let directory: TemporaryDirectory
    let store: NodeStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try Fixtures.store(in: directory)
    }

    func appendThree() throws {
        for (i, action) in [AuditAction.login, .signalSearch, .signalView].enumerated() {
            try store.audit.append(
                AuditEntry(actor: .user("ana"), address: "127.0.0.1", action: action, targets: ["t\(i)"], detail: ["type": "url"]),
                now: Fixtures.now.addingTimeInterval(Double(i)))
        }
    }

    @Test func recordsChainAndVerify() throws {
        try appendThree()
        let verification = try store.audit.verify()
        #expect(verification.isIntact)
        #expect(verification.records == 3)
        let newest = try store.audit.page(AuditFilter(), limit: 10)
        #expect(newest.map(\.seq) == [3, 2, 1])
        #expect(verification.headHash == newest[0].hash)
        #expect(newest[0].previousHash == newest[1].hash)
        #expect(newest[2].entry == AuditEntry(actor: .user("ana"), address: "127.0.0.1", action: .login, targets: ["t0"], detail: ["type": "url"]))
        #expect(try store.audit.page(AuditFilter(action: .signalSearch), limit: 10).map(\.seq) == [2])
        #expect(try store.audit.page(AuditFilter(), before: 3, limit: 1).map(\.seq) == [2])
    }

    @Test func theLogRefusesChangesAndDeletions() throws {
        try appendThree()
        #expect(throws: DatabaseError.self) { try store.writer.write { db in try db.execute(sql: "UPDATE audit_log SET actor = 'eve'") } }
        #expect(throws: DatabaseError.self) { try store.writer.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE seq = 2") } }
        #expect(try store.audit.verify().isIntact)
    }

    @Test func verificationFindsAChangedRecord() throws {
        try appendThree()
        try store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_is_append_only_update")
            try db.execute(sql: #"UPDATE audit_log SET targets = '["other"]' WHERE seq = 2"#)
        }
        let verification = try store.audit.verify()
        #expect(verification.problem?.seq == 2)
        #expect(verification.problem?.reason == "Record 2 was changed after it was written.")
        #expect(verification.records == 1)
    }

    @Test func verificationFindsADeletedRecord() throws {
        try appendThree()
        try store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_is_append_only_delete")
            try db.execute(sql: "DELETE FROM audit_log WHERE seq = 2")
        }
        #expect(try store.audit.verify().problem?.reason == "Record 2 is missing: the next record is 3.")
    }

    @Test func valueDigestsAreKeyedAndStable() throws {
        let first = try store.audit.valueDigest("https://example.com/a")
        #expect(first.hasPrefix("hmac:") && !first.contains("example"))
        #expect(try store.audit.valueDigest("https://example.com/a") == first)
        #expect(try store.audit.valueDigest("https://example.com/b") != first)
        let otherDirectory = try TemporaryDirectory()
        let other = try Fixtures.store(in: otherDirectory)
        #expect(try other.audit.valueDigest("https://example.com/a") != first)
    }

    @Test func disablingAUserEndsTheirSessionsAndStopsTheirTokens() throws {
        let audit = AuditEntry(actor: .home, address: "local", action: .userAdd)
        let ana = try store.accounts.addUser(
            name: Username(validating: "ana"), role: .investigator, passwordHash: "x", audit: audit, now: Fixtures.now)
        #expect(throws: StoreError.self) {
            try store.accounts.addUser(name: Username(validating: "ana"), role: .admin, passwordHash: "x", audit: audit, now: Fixtures.now)
        }
        try store.accounts.startSession(idHash: Data([1]), userID: ana.id, csrfToken: "c", address: "a", userAgent: "u", now: Fixtures.now)
        let token = try store.tokens.create(name: "ana's script", role: .investigator, ownerID: ana.id, now: Fixtures.now)
        #expect(token.info.owner == "ana")
        #expect(try store.tokens.authenticate(secret: token.secret)?.id == token.info.id)
        _ = try store.accounts.setDisabled(true, name: "ana", audit: audit, now: Fixtures.now)
        #expect(try store.accounts.session(idHash: Data([1])) == nil)
        #expect(try store.tokens.authenticate(secret: token.secret) == nil)
        _ = try store.accounts.setDisabled(false, name: "ana", audit: audit, now: Fixtures.now)
        #expect(try store.tokens.authenticate(secret: token.secret)?.id == token.info.id)
        // Each change committed with its record.
        #expect(try store.audit.verify().records == 3)
    }
}

extension AuditStoreTests {
    @Test func targetsAreStoredAsTheEncoderWouldWriteThem() throws {
        let targets = ["01JABCDEF", "a \"quoted\" name", "back\\slash", "tab\there", "é/ü"]
        try store.audit.append(AuditEntry(actor: .home, address: "local", action: .userAdd, targets: targets), now: Fixtures.now)
        let stored = try store.writer.read { db in try String.fetchOne(db, sql: "SELECT targets FROM audit_log")! }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(stored == String(decoding: try encoder.encode(targets), as: UTF8.self))
        #expect(try store.audit.page(AuditFilter(), limit: 1).first?.entry.targets == targets)
    }
}
