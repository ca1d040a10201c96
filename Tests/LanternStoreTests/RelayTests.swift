import Crypto
import Foundation
import LanternCore
import LanternSync
import LanternTesting
import Testing

@testable import LanternStore

/// alpha's chains reaching charlie through bravo, which relays them as alpha signed them.
@Suite struct RelayTests {
    let directories: [TemporaryDirectory]
    let alpha: NodeStore
    let bravo: NodeStore
    let charlie: NodeStore
    let pump = ChainPump(participants: [Fixtures.alpha.id, Fixtures.bravo.id])
    let validator = Fixtures.validator()

    init() throws {
        let made = try Fixtures.stores(for: [Fixtures.alpha, Fixtures.bravo, Fixtures.charlie])
        (directories, alpha, bravo, charlie) = (made.directories, made.stores[0], made.stores[1], made.stores[2])
    }

    @discardableResult
    func pull(from sender: NodeStore, to store: NodeStore, as receiver: Participant, limit: Int = 5000) throws -> [ChainVerifier.Outcome] {
        try pump.pull(from: sender, to: store, as: receiver, limit: limit)
    }

    func batch(from sender: NodeStore, origin: ParticipantID, scope: Scope, after: UInt64) throws -> ChainBatch? {
        try pump.batch(from: sender, origin: origin, scope: scope, after: after)
    }

    func signal(_ n: UInt64, _ value: String, audience: String = "all") throws -> Signal {
        try validator.validateNew(
            Fixtures.urlDraft(value, audience: audience), id: Fixtures.signalID(n), author: Fixtures.alpha.id, now: Fixtures.now)
    }

    func live(_ store: NodeStore) throws -> [Signal] {
        try store.signals.page(matching: SignalQuery()).signals.map(\.signal).sorted { $0.id.rawValue < $1.id.rawValue }
    }

    @Test func relayedSignalsUpdatesAndRemovalsArriveAsTheOriginSaidThem() throws {
        let stored = try alpha.signals.addLocal([
            try signal(1, "https://everyone.example/"), try signal(2, "https://pilot.example/", audience: "bravo,charlie"),
            try signal(3, "https://bravo-only.example/", audience: "bravo"), try signal(4, "https://gone.example/"),
        ])
        var patch = SignalDraft()
        patch.severity = "WARNING"
        let updated = try alpha.signals.updateLocal(try validator.validateUpdate(patch, to: stored[0], actor: Fixtures.alpha.id, now: Fixtures.now))
        try pull(from: alpha, to: bravo, as: Fixtures.bravo)
        try alpha.signals.remove(stored[3].id, reason: .enteredInError, now: Fixtures.now)
        try pull(from: alpha, to: bravo, as: Fixtures.bravo)

        // charlie never talks to alpha: bravo relays what charlie may hold, byte for byte.
        let outcomes = try pull(from: bravo, to: charlie, as: Fixtures.charlie)
        #expect(outcomes.contains { if case .apply = $0 { true } else { false } })
        #expect(try live(charlie) == [updated, stored[1]])
        #expect(try charlie.signals.removal(stored[3].id) != nil)
        #expect(try directories[2].filesContaining("bravo-only") == [])
        #expect(try directories[2].filesContaining("gone.example") == [])
        // A relay holds the same chain positions as the origin, so it can relay on in turn.
        #expect(
            try charlie.chains.positions().map { [$0.origin.rawValue, $0.scope.description, $0.position.hash.hex] }
                == alpha.chains.positions().filter { $0.scope != .allowlist([Fixtures.bravo.id]) }
                .map { [$0.origin.rawValue, $0.scope.description, $0.position.hash.hex] })
    }

    @Test func aRelayedBatchEndsAtAHeadTheOriginSigned() throws {
        try alpha.signals.addLocal((1...4).map { try signal($0, "https://a\($0).example/") })
        try pull(from: alpha, to: bravo, as: Fixtures.bravo)
        try alpha.signals.addLocal((5...10).map { try signal($0, "https://a\($0).example/") })
        try pull(from: alpha, to: bravo, as: Fixtures.bravo)
        // bravo holds heads at 4 and 10: a batch runs to the furthest head within the limit, or to the next one.
        #expect(try bravo.chains.relayBatch(origin: Fixtures.alpha.id, scope: .all, after: 0, limit: 3)?.head.seq == 4)
        #expect(try bravo.chains.relayBatch(origin: Fixtures.alpha.id, scope: .all, after: 0)?.originCertificate == "certificate of alpha")
        #expect(try bravo.chains.relayBatch(origin: Fixtures.alpha.id, scope: .all, after: 0, limit: 20)?.head.seq == 10)
        #expect(try bravo.chains.relayBatch(origin: Fixtures.alpha.id, scope: .all, after: 5, limit: 2)?.events.map(\.seq) == Array(6...10))
        #expect(try bravo.chains.relayBatch(origin: Fixtures.alpha.id, scope: .all, after: 10) == nil)
        try pull(from: bravo, to: charlie, as: Fixtures.charlie, limit: 3)
        #expect(try live(charlie).count == 10)
    }

    @Test func aRelayCannotAlterOrForgeWhatItForwards() throws {
        try alpha.signals.addLocal([try signal(1, "https://a.example/"), try signal(2, "https://b.example/")])
        try pull(from: alpha, to: bravo, as: Fixtures.bravo)
        let verifier = ChainVerifier(receiver: Fixtures.charlie, directory: Fixtures.directory)
        let honest = try #require(try batch(from: bravo, origin: Fixtures.alpha.id, scope: .all, after: 0))

        // A changed value: the body no longer matches its digest.
        var altered = honest
        let body = try #require(altered.events[1].body)
        altered.events[1].body = Data(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "b.example", with: "x.example").utf8)
        #expect(isRefused(verifier.verify(altered, have: nil, originKey: pump.keys[Fixtures.alpha.id]!.publicKey)))

        // The same change with the digest and hash worked out again: the chain no longer ends at alpha's head.
        altered.events[1] = ChainEvent(
            origin: Fixtures.alpha.id, scope: .all, epoch: honest.head.epoch, seq: 2, signalID: honest.events[1].signalID,
            revision: honest.events[1].revision, kind: .upsert, body: altered.events[1].body, previousHash: honest.events[0].hash)
        #expect(isRefused(verifier.verify(altered, have: nil, originKey: pump.keys[Fixtures.alpha.id]!.publicKey)))

        // A whole chain made up in alpha's name and signed by bravo.
        altered.head = try ChainHead.sign(altered.events[1], with: pump.keys[Fixtures.bravo.id]!)
        #expect(isRefused(verifier.verify(altered, have: nil, originKey: pump.keys[Fixtures.alpha.id]!.publicKey)))

        // A removal invented by the relay cannot be signed either.
        var removal = honest
        removal.events.append(
            ChainEvent(
                origin: Fixtures.alpha.id, scope: .all, epoch: honest.head.epoch, seq: 3, signalID: honest.events[0].signalID, revision: 9,
                kind: .remove, body: Data(#"{"type":"url","removed_at":0,"reason":"entered_in_error"}"#.utf8),
                previousHash: honest.events[1].hash))
        removal.head = try ChainHead.sign(removal.events[2], with: pump.keys[Fixtures.bravo.id]!)
        #expect(isRefused(verifier.verify(removal, have: nil, originKey: pump.keys[Fixtures.alpha.id]!.publicKey)))
        #expect(try live(charlie).isEmpty)
    }

    @Test func aRelayOnAnOlderEpochCannotTakeAReceiverBack() throws {
        try alpha.signals.addLocal([try signal(1, "https://a.example/")])
        try pull(from: alpha, to: bravo, as: Fixtures.bravo)
        // alpha restores from a backup and starts a new epoch; charlie follows alpha directly.
        usleep(5000)
        try alpha.chains.startNewEpoch()
        try alpha.signals.addLocal([try signal(2, "https://b.example/")])
        try pull(from: alpha, to: charlie, as: Fixtures.charlie)
        let newEpoch = try #require(try charlie.chains.position(origin: Fixtures.alpha.id, scope: .all))
        // bravo still relays the old epoch: charlie stays where it is.
        #expect(try pull(from: bravo, to: charlie, as: Fixtures.charlie) == [.olderEpoch])
        #expect(try charlie.chains.position(origin: Fixtures.alpha.id, scope: .all) == newEpoch)
    }

    func isRefused(_ outcome: ChainVerifier.Outcome) -> Bool {
        if case .refused = outcome { return true }
        return false
    }
}
