import Crypto
import Foundation
import LanternCore
import LanternSync
import LanternTesting
import Testing

@testable import LanternStore

/// Three stores exchanging alpha's chains through the verifier and the applier, as nodes will over the wire.
@Suite struct ChainExchangeTests {
    let directories: [TemporaryDirectory]
    let alpha: NodeStore
    let bravo: NodeStore
    let charlie: NodeStore
    let pump = ChainPump(participants: [Fixtures.alpha.id])
    var key: P256.Signing.PrivateKey { pump.keys[Fixtures.alpha.id]! }
    let validator = Fixtures.validator()

    init() throws {
        let made = try Fixtures.stores(for: [Fixtures.alpha, Fixtures.bravo, Fixtures.charlie])
        (directories, alpha, bravo, charlie) = (made.directories, made.stores[0], made.stores[1], made.stores[2])
    }

    /// Sends every chain of alpha's that `receiver` may hold, from where it stands; returns the outcomes.
    @discardableResult
    func sync(to store: NodeStore, as receiver: Participant) throws -> [ChainVerifier.Outcome] {
        try pump.pull(from: alpha, to: store, as: receiver)
    }

    func ids(_ store: NodeStore) throws -> Set<String> {
        Set(try store.signals.page(matching: SignalQuery()).signals.map(\.signal.id.rawValue))
    }

    func signal(_ n: UInt64, _ value: String, audience: String = "all") throws -> Signal {
        var draft = Fixtures.urlDraft(value, audience: audience)
        if audience == "financial" { draft = Fixtures.financialDraft() }
        return try validator.validateNew(draft, id: Fixtures.signalID(n), author: Fixtures.alpha.id, now: Fixtures.now)
    }

    @Test func eachParticipantReceivesExactlyItsAudiences() throws {
        let stored = try alpha.signals.addLocal([
            try signal(1, "https://everyone.example/"), try signal(2, "https://pilot-canary.example/", audience: "bravo"),
            try signal(3, "", audience: "financial"),
        ])
        try sync(to: bravo, as: Fixtures.bravo)
        try sync(to: charlie, as: Fixtures.charlie)
        #expect(try ids(bravo) == [stored[0].id.rawValue, stored[1].id.rawValue])
        #expect(try ids(charlie) == [stored[0].id.rawValue, stored[2].id.rawValue])
        #expect(try bravo.signals.signal(stored[1].id)?.signal == stored[1])

        // Moving the pilot from bravo to charlie retracts bravo's copy and delivers charlie's.
        var patch = SignalDraft()
        patch.audience = "charlie"
        let moved = try alpha.signals.updateLocal(try validator.validateUpdate(patch, to: stored[1], actor: Fixtures.alpha.id, now: Fixtures.now))
        try sync(to: bravo, as: Fixtures.bravo)
        try sync(to: charlie, as: Fixtures.charlie)
        #expect(try ids(bravo) == [stored[0].id.rawValue])
        #expect(try directories[1].filesContaining("pilot-canary") == [])
        #expect(try charlie.signals.signal(moved.id)?.signal.revision == moved.revision)

        // A removal reaches every copy, and only its type, date and reason remain.
        try alpha.signals.remove(stored[0].id, reason: .noLongerMeetsPurpose, now: Fixtures.now)
        try sync(to: bravo, as: Fixtures.bravo)
        try sync(to: charlie, as: Fixtures.charlie)
        for (store, directory) in [(bravo, directories[1]), (charlie, directories[2])] {
            #expect(try store.signals.signal(stored[0].id) == nil)
            #expect(try store.signals.removal(stored[0].id)?.reason == .noLongerMeetsPurpose)
            #expect(try directory.filesContaining("everyone.example") == [])
        }
    }

    @Test func replaysAndStaleCopiesChangeNothing() throws {
        let stored = try alpha.signals.addLocal([try signal(1, "https://a.example/", audience: "bravo")])
        try alpha.chains.build()
        let scope = Scope.allowlist([Fixtures.bravo.id])
        let firstBatch = try alpha.chains.events(origin: Fixtures.alpha.id, scope: scope, after: 0)
        try sync(to: bravo, as: Fixtures.bravo)
        var patch = SignalDraft()
        patch.audience = "all"
        _ = try alpha.signals.updateLocal(try validator.validateUpdate(patch, to: stored[0], actor: Fixtures.alpha.id, now: Fixtures.now))
        try alpha.signals.remove(stored[0].id, reason: .enteredInError, now: Fixtures.now)
        try sync(to: bravo, as: Fixtures.bravo)
        #expect(try bravo.signals.removal(stored[0].id) != nil)

        // The first batch again, as a slow relay would send it: already held, and its upsert could not apply anyway.
        let have = try bravo.chains.position(origin: Fixtures.alpha.id, scope: scope)
        let verifier = ChainVerifier(receiver: Fixtures.bravo, directory: Fixtures.directory)
        let batch = ChainBatch(events: firstBatch, head: try ChainHead.sign(firstBatch[firstBatch.count - 1], with: key))
        #expect(verifier.verify(batch, have: have, originKey: key.publicKey) == .alreadyHeld)
        let summary = try bravo.chains.applyBatch(
            origin: Fixtures.alpha.id, scope: scope, events: firstBatch, head: batch.head, position: try #require(have), newEpoch: false)
        #expect(summary.stored == 0)
        #expect(try bravo.signals.signal(stored[0].id) == nil)
        #expect(try sync(to: bravo, as: Fixtures.bravo).allSatisfy { $0 == .alreadyHeld })
    }

    @Test func aBodyThatContradictsItsEventIsRefusedWhole() throws {
        try alpha.signals.addLocal([try signal(1, "https://a.example/"), try signal(2, "https://b.example/")])
        try alpha.chains.build()
        var events = try alpha.chains.events(origin: Fixtures.alpha.id, scope: .all, after: 0)
        events[1].body = events[0].body
        let head = try ChainHead.sign(events[1], with: key)
        #expect(throws: ChainBatchError.self) {
            try bravo.chains.applyBatch(
                origin: Fixtures.alpha.id, scope: .all, events: events, head: head,
                position: ChainPosition(epoch: events[1].epoch, seq: 2, hash: events[1].hash), newEpoch: false)
        }
        #expect(try ids(bravo).isEmpty)
        #expect(try bravo.chains.position(origin: Fixtures.alpha.id, scope: .all) == nil)
        // Nobody can hand a node events in its own name.
        let own = try alpha.chains.events(origin: Fixtures.alpha.id, scope: .all, after: 0)
        #expect(throws: ChainBatchError.self) {
            try alpha.chains.applyBatch(
                origin: Fixtures.alpha.id, scope: .all, events: own, head: head,
                position: ChainPosition(epoch: own[1].epoch, seq: 2, hash: own[1].hash), newEpoch: false)
        }
    }
}
