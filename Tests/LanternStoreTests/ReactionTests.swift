import Foundation
import LanternCore
import LanternSync
import LanternTesting
import Testing

@testable import LanternStore

/// Consumers' reactions travelling to the signal's origin, and nowhere else.
@Suite struct ReactionTests {
    let directories: [TemporaryDirectory]
    let alpha: NodeStore
    let bravo: NodeStore
    let charlie: NodeStore
    let finco: NodeStore
    let pump = ChainPump(participants: [Fixtures.alpha.id, Fixtures.bravo.id, Fixtures.charlie.id, Fixtures.finco.id])
    let validator = Fixtures.validator()
    let signals: [Signal]

    init() throws {
        let made = try Fixtures.stores(for: [Fixtures.alpha, Fixtures.bravo, Fixtures.charlie, Fixtures.finco])
        (directories, alpha, bravo, charlie, finco) = (made.directories, made.stores[0], made.stores[1], made.stores[2], made.stores[3])
        signals = try alpha.signals.addLocal([
            try validator.validateNew(
                Fixtures.urlDraft("https://everyone.example/"), id: Fixtures.signalID(1), author: Fixtures.alpha.id, now: Fixtures.now),
            try validator.validateNew(Fixtures.financialDraft(), id: Fixtures.signalID(2), author: Fixtures.alpha.id, now: Fixtures.now),
        ])
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        try pump.pull(from: alpha, to: charlie, as: Fixtures.charlie)
        try pump.pull(from: alpha, to: finco, as: Fixtures.finco)
    }

    func words(_ reactions: [Reaction]) -> [String] {
        reactions.map { "\($0.reactor):\($0.kinds.sorted().map(\.rawValue).joined(separator: "+"))" }
    }

    @Test func reactionsReachTheOriginOnlyAndALaterSetReplacesAnEarlierOne() throws {
        _ = try bravo.reactions.react(to: signals[0].id, kinds: [.helpful], now: Fixtures.now)
        _ = try bravo.reactions.react(to: signals[0].id, kinds: [.helpful, .actionTaken], now: Fixtures.now)
        _ = try finco.reactions.react(to: signals[1].id, kinds: [.ingested], now: Fixtures.now)
        try pump.pull(from: bravo, to: alpha, as: Fixtures.alpha)
        try pump.pull(from: finco, to: alpha, as: Fixtures.alpha)
        #expect(try words(alpha.reactions.all(on: signals[0].id)) == ["bravo:ACTION_TAKEN+HELPFUL"])
        #expect(try words(alpha.reactions.all(on: signals[1].id)) == ["finco:INGESTED"])
        // charlie, a peer of bravo's, holds the same signal but never sees bravo's reactions.
        #expect(try pump.pull(from: bravo, to: charlie, as: Fixtures.charlie).isEmpty)
        #expect(try charlie.reactions.all(on: signals[0].id).isEmpty)

        // Withdrawing: the empty set travels and replaces the earlier one.
        _ = try bravo.reactions.react(to: signals[0].id, kinds: [], now: Fixtures.now)
        try pump.pull(from: bravo, to: alpha, as: Fixtures.alpha)
        #expect(try alpha.reactions.all(on: signals[0].id).isEmpty)
    }

    @Test func aSignalsReactionsGoWithIt() throws {
        _ = try bravo.reactions.react(to: signals[0].id, kinds: [.sawThisToo], now: Fixtures.now)
        try pump.pull(from: bravo, to: alpha, as: Fixtures.alpha)
        #expect(try alpha.reactions.all(on: signals[0].id).count == 1)
        try alpha.signals.remove(signals[0].id, reason: .enteredInError, now: Fixtures.now)
        #expect(try alpha.reactions.all(on: signals[0].id).isEmpty)
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        #expect(try bravo.reactions.all(on: signals[0].id).isEmpty)
        // Replaying bravo's reactions chain brings nothing back: the signal is gone.
        let replay = try #require(try pump.batch(from: bravo, origin: Fixtures.bravo.id, scope: .reactions(to: Fixtures.alpha.id), after: 0))
        let summary = try alpha.chains.applyBatch(
            origin: Fixtures.bravo.id, scope: .reactions(to: Fixtures.alpha.id), events: replay.events, head: replay.head,
            position: ChainPosition(epoch: replay.head.epoch, seq: replay.head.seq, hash: replay.head.hash), newEpoch: false)
        #expect(summary.reactions == 0)
        #expect(try alpha.reactions.all(on: signals[0].id).isEmpty)
    }

    @Test func theOriginChecksTheReactorWasEntitled() throws {
        // bravo's node is made to react to the financial signal it never received (bravo is not in the pool).
        try bravo.chains.applyReceivedSignal(signals[1])
        _ = try bravo.reactions.react(to: signals[1].id, kinds: [.helpful], now: Fixtures.now)
        let outcomes = try pump.pull(from: bravo, to: alpha, as: Fixtures.alpha)
        #expect(outcomes.count == 1 && outcomes.allSatisfy { if case .apply = $0 { true } else { false } })
        #expect(try alpha.reactions.all(on: signals[1].id).isEmpty)
    }
}
