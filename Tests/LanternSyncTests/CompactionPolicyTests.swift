import Foundation
import LanternCore
import LanternTesting
import Testing

@testable import LanternSync

@Suite struct CompactionPolicyTests {
    let policy = CompactionPolicy(maxTombstoneAge: 30 * 86_400, minimumDead: 10)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func chain(_ scope: Scope, events: Int, live: Int) -> OwnChainStatus {
        OwnChainStatus(scope: scope, head: ChainPosition(epoch: "e", seq: UInt64(events), hash: .zero), events: events, live: live)
    }

    @Test func deadEventsAcknowledgedByEveryPeerAreCompacted() {
        let young = now.addingTimeInterval(-86_400)
        let chains = [chain(.all, events: 30, live: 10), chain(.allowlist([Fixtures.bravo.id]), events: 5, live: 5)]
        #expect(policy.decide(chains: chains, epochStartedAt: young, now: now) { _, _ in true } == .acknowledged)
        // One peer entitled to a chain with dead events is behind.
        #expect(policy.decide(chains: chains, epochStartedAt: young, now: now) { scope, _ in scope != .all } == .keep)
        // A chain without dead events needs no acknowledgement.
        #expect(policy.decide(chains: chains, epochStartedAt: young, now: now) { scope, _ in scope == .all } == .acknowledged)
        // Fewer dead events than live ones, or than the minimum: not worth a new epoch yet.
        #expect(policy.decide(chains: [chain(.all, events: 30, live: 20)], epochStartedAt: young, now: now) { _, _ in true } == .keep)
        #expect(policy.decide(chains: [chain(.all, events: 9, live: 0)], epochStartedAt: young, now: now) { _, _ in true } == .keep)
        #expect(policy.decide(chains: [chain(.all, events: 10, live: 10)], epochStartedAt: young, now: now) { _, _ in true } == .keep)
    }

    @Test func theAgeBoundCompactsWhoeverAcknowledged() {
        let old = now.addingTimeInterval(-31 * 86_400)
        #expect(policy.decide(chains: [chain(.all, events: 11, live: 10)], epochStartedAt: old, now: now) { _, _ in false } == .ageBound)
        #expect(policy.decide(chains: [chain(.all, events: 10, live: 10)], epochStartedAt: old, now: now) { _, _ in false } == .keep)
        #expect(policy.decide(chains: [], epochStartedAt: old, now: now) { _, _ in false } == .keep)
    }

    @Test func anEpochTellsWhenItBegan() {
        #expect(CompactionPolicy.start(ofEpoch: "0001a2b3c4d5" + "deadbeef") == Date(timeIntervalSince1970: 0x0001a2b3c4d5 / 1000))
        #expect(CompactionPolicy.start(ofEpoch: "0") == nil)
        #expect(CompactionPolicy.start(ofEpoch: "zzzzzzzzzzzzzzzz") == nil)
    }
}
