import Crypto
import Foundation
import GRDB
import LanternCore
import LanternSync
import LanternTesting
import Testing

@testable import LanternStore

/// The chain builder: this node's changes become verifiable chains, per audience, with removal final.
@Suite struct ChainBuilderTests {
    let directory: TemporaryDirectory
    let store: NodeStore
    let validator = Fixtures.validator()
    let key = P256.Signing.PrivateKey()

    init() throws {
        directory = try TemporaryDirectory()
        store = try Fixtures.store(in: directory)
    }

    func signal(_ n: UInt64, _ draft: SignalDraft = Fixtures.urlDraft()) throws -> Signal {
        try validator.validateNew(draft, id: Fixtures.signalID(n), author: Fixtures.alpha.id, now: Fixtures.now)
    }

    /// Verifies a whole chain as `receiver` would, and returns its events.
    func verified(_ scope: Scope, receiver: Participant = Fixtures.bravo) throws -> [ChainEvent] {
        let events = try store.chains.events(origin: Fixtures.alpha.id, scope: scope, after: 0)
        guard let last = events.last else { return [] }
        let batch = ChainBatch(events: events, head: try ChainHead.sign(last, with: key))
        let outcome = ChainVerifier(receiver: receiver, directory: Fixtures.directory).verify(batch, have: nil, originKey: key.publicKey)
        guard case .apply(let applied, _, _) = outcome else {
            Issue.record("the chain of \(scope) did not verify: \(outcome)")
            return []
        }
        return applied
    }

    @Test func eachAudienceGetsItsOwnChain() throws {
        var pilot = Fixtures.urlDraft("https://pilot.example/")
        pilot.audience = "bravo"
        let stored = try store.signals.addLocal([try signal(1), try signal(2, pilot), try signal(3, Fixtures.financialDraft())])
        #expect(try store.chains.build() == 3)
        #expect(try store.chains.build() == 0)
        let all = try verified(.all)
        #expect(all.map(\.kind) == [.upsert])
        #expect(try SignalWire.decode(try #require(all[0].body)) == stored[0])
        #expect(try verified(.allowlist([Fixtures.bravo.id])).count == 1)
        #expect(try verified(.financial, receiver: Fixtures.finco).count == 1)
        #expect(Set(try store.chains.positions().map(\.scope.description)) == ["all", "allow:bravo", "financial"])
    }

    @Test func anAudienceChangeRetractsAndRepublishes() throws {
        let original = try store.signals.addLocal([try signal(1)])[0]
        try store.chains.build()
        var patch = SignalDraft()
        patch.audience = "bravo"
        let moved = try store.signals.updateLocal(try validator.validateUpdate(patch, to: original, actor: Fixtures.alpha.id, now: Fixtures.now))
        try store.chains.build()
        let all = try verified(.all)
        #expect(all.map(\.kind) == [.upsert, .retract])
        #expect(all[1].revision == moved.revision)
        #expect(all[0].body == nil, "the superseded upsert's body is purged")
        let pilot = try verified(.allowlist([Fixtures.bravo.id]))
        #expect(pilot.map(\.kind) == [.upsert])
        #expect(pilot[0].revision == moved.revision)
        // What a member of the old audience only does with it: drop its copy, for good.
        let plan = EventApplier.plan(all) { _ in .absent }
        #expect(plan.count == 2)
    }

    @Test func aRemovalIsPublishedWithoutContent() throws {
        var draft = Fixtures.urlDraft("https://removed-chain-canary.example/")
        draft.description = "chain-description-canary"
        let stored = try store.signals.addLocal([try signal(1, draft), try signal(2)])
        try store.chains.build()
        try store.signals.remove(stored[0].id, reason: .appealUpheld, now: Fixtures.now)
        try store.chains.build()
        let all = try verified(.all)
        #expect(all.map(\.kind) == [.upsert, .upsert, .remove])
        #expect(all[0].body == nil)
        let removal = try JSONSerialization.jsonObject(with: try #require(all[2].body)) as? [String: Any]
        #expect(removal?["reason"] as? String == "appeal_upheld")
        #expect(removal?["type"] as? String == "url")
        #expect(removal?.count == 3)
        for needle in ["removed-chain-canary", "chain-description-canary"] {
            #expect(try directory.filesContaining(needle) == [], "\(needle) survived")
        }
    }

    @Test func aSignalRemovedBeforePublicationIsNeverPublished() throws {
        let stored = try store.signals.addLocal([try signal(1)])
        try store.signals.remove(stored[0].id, reason: .enteredInError, now: Fixtures.now)
        // The live row is gone; the only change left to look at is the removal, and nothing was published before it.
        #expect(try store.chains.build() == 1)
        #expect(try store.chains.events(origin: Fixtures.alpha.id, scope: .all, after: 0).isEmpty)
    }

    @Test func theBuilderResumesAndANewEpochRepublishes() throws {
        try store.signals.addLocal((1...7).map { try signal($0) })
        #expect(try store.chains.build(limit: 3) == 3)
        let reopened = try NodeStore(path: directory.file("node.sqlite"))
        #expect(try reopened.chains.build(limit: 100) == 4)
        #expect(try verified(.all).count == 7)
        let before = try #require(try store.chains.positions().first?.position)
        let revisions = try store.signals.page(matching: SignalQuery()).signals.map(\.signal.revision)
        usleep(2000)
        try store.chains.startNewEpoch()
        // Every signal again, with a fresh revision above any issued before, then the snapshot marker.
        #expect(try store.chains.build() == 8)
        let after = try #require(try store.chains.positions().first?.position)
        #expect(after.epoch > before.epoch)
        #expect(after.seq == 8)
        let events = try verified(.all)
        #expect(events.map(\.kind) == Array(repeating: .upsert, count: 7) + [.snapshot])
        #expect(events.dropLast().allSatisfy { $0.revision > revisions.max()! })
        #expect(try store.chains.build() == 0)
    }

    /// A node holding received signals passes over them once: the builder's cursor moves past other origins' changes,
    /// so later rounds read only what is new, and each round looks at a bounded number of changes.
    @Test func receivedSignalsAreLookedAtOnce() throws {
        let bravoDirectory = try TemporaryDirectory()
        let bravo = try Fixtures.store(in: bravoDirectory, as: Fixtures.bravo)
        try store.signals.addLocal(try (1...25).map { try signal($0) })
        try ChainPump(participants: [Fixtures.alpha.id]).pull(from: store, to: bravo, as: Fixtures.bravo)
        #expect(try bravo.signals.count() == 25)
        let own = try validator.validateNew(Fixtures.urlDraft(), id: Fixtures.signalID(99), author: Fixtures.bravo.id, now: Fixtures.now)
        try bravo.signals.addLocal([own])
        // One transaction looks at 2 × 10 changes: received ones only, nothing of bravo's yet. A call goes on to the
        // next, which publishes bravo's signal.
        #expect(try bravo.chains.buildChainsRound(limit: 2) == (0, true))
        #expect(try bravo.chains.unpublishedChanges() == 1)
        #expect(try bravo.chains.buildChainsRound(limit: 2) == (1, false))
        #expect(try bravo.chains.unpublishedChanges() == 0)
        let cursor = try bravo.writer.read { db in try NodeStore.meta("chained_seq", in: db) }
        #expect(cursor == String(try bravo.writer.read { db in try SignalStore.lastSeq(db) }))
        #expect(try bravo.chains.build() == 0)
        // After more received signals, one call passes over all of them and publishes what bravo added meanwhile.
        try store.signals.addLocal(try (100...160).map { try signal($0) })
        try ChainPump(participants: [Fixtures.alpha.id]).pull(from: store, to: bravo, as: Fixtures.bravo)
        let later = try validator.validateNew(Fixtures.urlDraft(), id: Fixtures.signalID(199), author: Fixtures.bravo.id, now: Fixtures.now)
        try bravo.signals.addLocal([later])
        #expect(try bravo.chains.build(limit: 2) == 1)
        #expect(try bravo.chains.unpublishedChanges() == 0)
        #expect(try bravo.chains.events(origin: Fixtures.bravo.id, scope: .all, after: 0).map(\.signalID).contains(own.id.rawValue))
    }
}
