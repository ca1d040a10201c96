import Foundation
import GRDB
import LanternCore
import LanternTesting
import Testing

@testable import LanternStore

@Suite struct NodeStoreTests {
    let directory: TemporaryDirectory
    let store: NodeStore
    let validator = Fixtures.validator()

    init() throws {
        directory = try TemporaryDirectory()
        store = try Fixtures.store(in: directory)
    }

    func signal(
        _ n: UInt64, _ draft: SignalDraft = Fixtures.urlDraft(), author: ParticipantID = Fixtures.alpha.id, at time: Date = Fixtures.now
    ) throws -> Signal {
        try validator.validateNew(draft, id: Fixtures.signalID(n, at: time, origin: author), author: author, now: time)
    }

    @Test func schemaIsMigratedAndStrict() throws {
        #expect(
            try store.appliedMigrations() == [
                "v1-node", "v2-federation", "v3-tombstones", "v4-review", "v5-chain-event-check", "v6-removal-check-in-insert",
                "v7-accounts-and-audit", "v8-signal-revisions",
            ])
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.directory.localParticipantID() == Fixtures.alpha.id)
        #expect(throws: StoreError.self) { try store.directory.initialize(as: Fixtures.bravo) }
        #expect(try store.directory.participants()[Fixtures.finco.id]?.role == .financial)
    }

    @Test func signalsRoundTripWithRevisionsAndSequence() throws {
        var draft = Fixtures.financialDraft()
        draft.description = "context"
        draft.related = [Fixtures.signalID(99).rawValue]
        let original = try signal(1, draft)
        let stored = try store.signals.addLocal([original, try signal(2)])
        #expect(stored.map(\.revision) == [1, 2])
        let read = try #require(try store.signals.signal(original.id))
        var expected = original
        expected.revision = 1
        #expect(read.signal == expected)
        #expect(read.seq == 1)
        #expect(try store.signals.count() == 2)
    }

    @Test func aBatchIsAllOrNothing() throws {
        let first = try signal(1)
        try store.signals.addLocal([first])
        #expect(throws: StoreError.self) { try store.signals.addLocal([try signal(2), first]) }
        #expect(try store.signals.signal(Fixtures.signalID(2)) == nil)
        #expect(try store.signals.count() == 1)
    }

    @Test func updatesTakeANewRevision() throws {
        let stored = try store.signals.addLocal([try signal(1)])[0]
        var patch = SignalDraft()
        patch.severity = "INFO"
        let updated = try store.signals.updateLocal(try validator.validateUpdate(patch, to: stored, actor: Fixtures.alpha.id, now: Fixtures.now))
        #expect(updated.revision == 2)
        let read = try #require(try store.signals.signal(stored.id))
        #expect(read.signal.severity == .info)
        #expect(read.seq == 2)
    }

    @Test func removalLeavesOnlyTypeDateAndReason() throws {
        let stored = try store.signals.addLocal([try signal(1)])[0]
        let record = try store.signals.remove(stored.id, reason: .appealUpheld, now: Fixtures.now)
        #expect(record.revision == 2)
        #expect(try store.signals.signal(stored.id) == nil)
        #expect(try store.signals.removal(stored.id)?.reason == .appealUpheld)
        #expect(try store.signals.removalCounts().map { "\($0.type)/\($0.reason)/\($0.count)" } == ["url/appeal_upheld/1"])
        #expect(throws: StoreError.self) { try store.signals.remove(stored.id, reason: .appealUpheld, now: Fixtures.now) }
        // A removed id can never come back, neither as a local signal nor from a peer.
        #expect(throws: StoreError.removedSignal(stored.id.rawValue)) { try store.signals.addLocal([try signal(1)]) }
        var copy = stored
        copy.origin = Fixtures.bravo.id
        copy.revision = 99
        #expect(try store.chains.applyReceivedSignal(copy) == false)
        // Nor through this node's insert statement itself, whatever checks a write path made before it.
        #expect(throws: StoreError.removedSignal(stored.id.rawValue)) {
            try store.writer.write { db in
                try SignalCodec().insert(copy, seq: 1000, with: try db.makeStatement(sql: SignalCodec.insertSQL(guarded: true)), in: db)
            }
        }
        #expect(try store.signals.signal(stored.id) == nil)
    }

    @Test func removedValuesLeaveNoBytesInAnyFile() throws {
        let canary = "https://removed-canary-7f3a9.example/secret-path"
        var kept = Fixtures.urlDraft("https://kept-canary-1b2c.example/")
        kept.description = "kept-description-canary"
        var removed = Fixtures.urlDraft(canary.uppercased().replacingOccurrences(of: "HTTPS://", with: "https://"))
        removed.description = "removed-description-canary"
        removed.tags = ["csam", "report_id:removedreport4242"]
        let signals = try store.signals.addLocal([try signal(1, removed), try signal(2, kept)] + (3...200).map { try signal($0) })
        #expect(try directory.filesContaining("removed-canary-7f3a9").isEmpty == false)
        try store.signals.remove(signals[0].id, reason: .enteredInError, now: Fixtures.now)
        for needle in ["removed-canary-7f3a9", "REMOVED-CANARY-7F3A9", "removed-description-canary", "removedreport4242"] {
            #expect(try directory.filesContaining(needle) == [], "\(needle) survived the removal")
        }
        #expect(try directory.filesContaining("kept-canary-1b2c").isEmpty == false)
    }

    @Test func expiredSignalsAreSweptWhateverTheirOrigin() throws {
        var short = Fixtures.urlDraft("https://short.example/")
        short.expiresAt = "2026-09-22T00:00:00Z"
        let mine = try signal(1, short)
        let theirs = try signal(2, short, author: Fixtures.bravo.id)
        try store.signals.addLocal([mine, try signal(3)])
        #expect(
            try store.chains.applyReceivedSignal(
                {
                    var s = theirs; s.revision = 5; return s
                }()))
        #expect(try store.signals.expire(now: Fixtures.now).isEmpty)
        let removed = try store.signals.expire(now: Date(timeIntervalSince1970: 1_790_100_000))
        #expect(Set(removed.map(\.id)) == [mine.id, theirs.id])
        #expect(removed.allSatisfy { $0.reason == .retentionReached })
        #expect(try store.signals.count() == 1)
    }

    @Test func receivedSignalsOnlyMoveForward() throws {
        var theirs = try signal(1, author: Fixtures.bravo.id)
        theirs.revision = 5
        #expect(try store.chains.applyReceivedSignal(theirs))
        var older = theirs
        older.revision = 4
        older.severity = .info
        #expect(try store.chains.applyReceivedSignal(older) == false)
        var forged = theirs
        forged.origin = Fixtures.charlie.id
        forged.revision = 6
        #expect(try store.chains.applyReceivedSignal(forged) == false)
        #expect(try store.signals.signal(theirs.id)?.signal.severity == .severe)
        var mine = theirs
        mine.origin = Fixtures.alpha.id
        mine.id = Fixtures.signalID(7)
        #expect(try store.chains.applyReceivedSignal(mine) == false)
    }

    @Test func backupsAreConsistentAndOpen() throws {
        try store.signals.addLocal((1...50).map { try signal($0) })
        let target = directory.file("backup.sqlite")
        try store.backup(to: target)
        #expect(throws: StoreError.self) { try store.backup(to: target) }
        let restored = try NodeStore(path: target)
        #expect(try restored.signals.count() == 50)
        #expect(try restored.directory.localParticipantID() == Fixtures.alpha.id)
        #expect(try restored.integrityCheck() == ["ok"])
    }

    @Test func tokensAreStoredHashedAndRevocable() throws {
        let (info, secret) = try store.tokens.create(name: "ci", role: .integration, now: Fixtures.now)
        #expect(secret.hasPrefix("lnt_"))
        #expect(try store.tokens.authenticate(secret: secret)?.id == info.id)
        #expect(try store.tokens.authenticate(secret: secret + "x") == nil)
        #expect(try directory.filesContaining(secret).isEmpty)
        try store.tokens.revoke(id: info.id, now: Fixtures.now)
        #expect(try store.tokens.authenticate(secret: secret) == nil)
        #expect(try store.tokens.all().first?.revokedAt != nil)
        #expect(throws: StoreError.self) { try store.tokens.revoke(id: "tok_missing", now: Fixtures.now) }
    }

    @Test func taxonomiesAreVersioned() throws {
        #expect(try store.directory.latestTaxonomy() == nil)
        #expect(try store.directory.saveTaxonomy(.builtIn, document: Taxonomy.defaultJSON, now: Fixtures.now))
        #expect(try store.directory.saveTaxonomy(.builtIn, document: Taxonomy.defaultJSON, now: Fixtures.now) == false)
        let other = try Taxonomy(version: "2024.1", tags: [Taxonomy.builtIn.tags[0]])
        #expect(throws: TaxonomyConflict.self) { try store.directory.saveTaxonomy(other, document: "{}", now: Fixtures.now) }
        #expect(try store.directory.latestTaxonomy()?.version == "2024.1")
        let newer = try Taxonomy(version: "2025.1", tags: Taxonomy.builtIn.tags)
        #expect(
            try store.directory.saveTaxonomy(
                newer, document: Taxonomy.defaultJSON.replacingOccurrences(of: "\"2024.1\"", with: "\"2025.1\""), now: Fixtures.now))
        #expect(try store.directory.latestTaxonomy()?.version == "2025.1")
        // Loading an earlier version again makes it the one in force, and it stays so after a restart.
        #expect(try store.directory.saveTaxonomy(.builtIn, document: Taxonomy.defaultJSON, now: Fixtures.now) == false)
        #expect(try NodeStore(path: directory.file("node.sqlite")).directory.latestTaxonomy()?.version == "2024.1")
    }
}
