import Crypto
import Foundation
import GRDB
import LanternCore
import LanternSync
import LanternTesting
import Testing

@testable import LanternStore

/// Tombstone collection: an origin compacts its chains into a new epoch holding only its live signals; peers
/// reconcile at its snapshot markers, a peer that missed removals drops them there, and tombstones nothing needs
/// any more are collected, without any removed signal coming back.
@Suite struct TombstoneTests {
    let directories: [TemporaryDirectory]
    let pump = ChainPump(participants: [Fixtures.alpha.id, Fixtures.bravo.id, Fixtures.charlie.id])
    let validator = Fixtures.validator()
    let later = Date().addingTimeInterval(3600)

    init() throws {
        directories = try (0..<3).map { _ in try TemporaryDirectory() }
    }

    func signal(_ n: UInt64, audience: String = "all") throws -> Signal {
        try validator.validateNew(
            Fixtures.urlDraft("https://s\(n).example/", audience: audience), id: Fixtures.signalID(n), author: Fixtures.alpha.id, now: Fixtures.now)
    }

    func live(_ store: NodeStore) throws -> Set<String> {
        Set(try store.signals.page(matching: SignalQuery()).signals.map(\.signal.value.normalized))
    }

    func tombstones(_ store: NodeStore) throws -> Int {
        try store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM removals) + (SELECT count(*) FROM retractions)") ?? 0
        }
    }

    @Test func aPeerThatMissedRemovalsReconcilesAtTheCompactedEpoch() throws {
        let alpha = try Fixtures.store(in: directories[0], as: Fixtures.alpha)
        let bravo = try Fixtures.store(in: directories[1], as: Fixtures.bravo)
        let charlie = try Fixtures.store(in: directories[2], as: Fixtures.charlie)
        try alpha.signals.addLocal([try signal(1), try signal(2), try signal(3, audience: "bravo"), try signal(4, audience: "bravo")])
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        try pump.pull(from: alpha, to: charlie, as: Fixtures.charlie)
        try alpha.chains.build()
        let stale = try #require(try pump.message(from: alpha, origin: Fixtures.alpha.id, scope: .allowlist([Fixtures.bravo.id]), after: 0))

        // alpha removes two signals; bravo takes the removals, charlie is away.
        _ = try alpha.signals.remove(Fixtures.signalID(1), reason: .enteredInError, now: Fixtures.now)
        _ = try alpha.signals.remove(Fixtures.signalID(3), reason: .enteredInError, now: Fixtures.now)
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        #expect(try live(bravo) == ["https://s2.example/", "https://s4.example/"])
        // Nothing is collected before the origin compacts: the removals are still in its chains.
        #expect(try bravo.chains.collectTombstones(now: later, maxAge: 0).total == 0)
        #expect(try alpha.chains.collectTombstones(now: later, maxAge: 0).total == 0)

        let before = try alpha.federation.ownChainStatuses()
        // Dead: two removals and the two upserts they superseded.
        #expect(before.reduce(0) { $0 + $1.dead } == 4 && before.reduce(0) { $0 + $1.live } == 2)
        try alpha.chains.compactOwn()
        try alpha.chains.build()
        let after = try alpha.federation.ownChainStatuses()
        #expect(after.allSatisfy { $0.head.epoch != before[0].head.epoch })
        // Only the live signals remain (and a snapshot marker per chain): nothing left to compact.
        #expect(after.reduce(0) { $0 + $1.events } == 2 && after.reduce(0) { $0 + $1.dead } == 0)

        // The caught-up peer changes nothing; the peer that was away drops what it missed, at the marker.
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        #expect(try live(bravo) == ["https://s2.example/", "https://s4.example/"])
        try pump.pull(from: alpha, to: charlie, as: Fixtures.charlie)
        #expect(try live(charlie) == ["https://s2.example/"])

        // Now the tombstones go: alpha's own, bravo's copies; removal records wait for the age bound.
        #expect(try bravo.chains.collectTombstones(now: Fixtures.now.addingTimeInterval(3600), maxAge: 86_400).total == 0)
        #expect(try bravo.chains.collectTombstones(now: later, maxAge: 0).removals == 2)
        #expect(try alpha.chains.collectTombstones(now: later, maxAge: 0).removals == 2)
        #expect(try tombstones(alpha) == 0 && tombstones(bravo) == 0)
        // Collecting deleted change-log rows, but no change number is ever issued twice.
        let highest = try bravo.writer.read { db in try SignalStore.lastSeq(db) }
        try alpha.signals.addLocal([try signal(9)])
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        #expect(try bravo.signals.signal(Fixtures.signalID(9))!.seq > highest)

        // A stale relay replaying alpha's older epoch, even for a scope bravo took again, brings nothing back.
        let verifier = ChainVerifier(receiver: Fixtures.bravo, directory: Fixtures.directory)
        let outcome = verifier.verify(
            stale.batch, have: nil, newestEpoch: try bravo.chains.newestEpoch(of: Fixtures.alpha.id),
            originKey: pump.keys[Fixtures.alpha.id]!.publicKey)
        #expect(outcome == .olderEpoch)
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        #expect(try live(bravo) == ["https://s2.example/", "https://s4.example/", "https://s9.example/"])
    }

    @Test func retractionsGoOnceTheOriginCompacted() throws {
        let alpha = try Fixtures.store(in: directories[0], as: Fixtures.alpha)
        let bravo = try Fixtures.store(in: directories[1], as: Fixtures.bravo)
        let stored = try alpha.signals.addLocal([try signal(1, audience: "bravo")])
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        var patch = SignalDraft()
        patch.audience = AudienceText("charlie")
        _ = try alpha.signals.updateLocal(try validator.validateUpdate(patch, to: stored[0], actor: Fixtures.alpha.id, now: Fixtures.now))
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        #expect(try live(bravo).isEmpty && tombstones(bravo) == 1)
        #expect(try bravo.chains.collectTombstones(now: later, maxAge: 0).total == 0)

        try alpha.chains.compactOwn()
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        // Retractions are not needed by restores: they go as soon as nothing can bring the signal back.
        #expect(try bravo.chains.collectTombstones(now: Date(), maxAge: 86_400).retractions == 1)
        #expect(try tombstones(bravo) == 0)
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        #expect(try live(bravo).isEmpty)
    }

    @Test func acknowledgementsAreKeptPerPeerAndChain() throws {
        let alpha = try Fixtures.store(in: directories[0], as: Fixtures.alpha)
        try alpha.signals.addLocal([try signal(1)])
        try alpha.chains.build()
        let head = try #require(try alpha.federation.ownChainStatuses().first?.head)
        let entry = ChainListMessage.Entry(origin: Fixtures.alpha.id, scope: "all", epoch: head.epoch, seq: head.seq, hash: head.hash)
        let unknown = ChainListMessage.Entry(origin: Fixtures.bravo.id, scope: "all", epoch: "e", seq: 9, hash: .zero)
        try alpha.federation.recordAcknowledgements([entry, unknown], from: Fixtures.bravo.id)
        #expect(try alpha.federation.acknowledgements()[Fixtures.bravo.id]?[.all]?.seq == head.seq)
        #expect(try alpha.federation.acknowledgements().count == 1)
    }

    @Test func aBackupIsStampedWithItsTime() throws {
        let alpha = try Fixtures.store(in: directories[0], as: Fixtures.alpha)
        let file = directories[0].file("backup.sqlite")
        try alpha.backup(to: file, now: Fixtures.now)
        #expect(try NodeStore(path: file).backedUpAt() == Fixtures.now)
        #expect(try alpha.backedUpAt() == nil)
    }
}
