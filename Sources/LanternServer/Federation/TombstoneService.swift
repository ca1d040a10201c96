public import Foundation
import LanternCore
import LanternPKI
public import LanternStore
public import LanternSync
public import Logging
public import ServiceLifecycle

/// Collects tombstones in the background: compacts this node's own chains when `CompactionPolicy` says so (every
/// entitled peer acknowledged them, or the age bound passed), then removes the tombstones nothing needs any more.
public struct TombstoneService: Service {
    let state: FederationState
    let policy: CompactionPolicy
    let interval: Duration
    let logger: Logger

    public init(state: FederationState, policy: CompactionPolicy, interval: Duration, logger: Logger) {
        self.state = state
        self.policy = policy
        self.interval = interval
        self.logger = logger
    }

    /// What one round did.
    public struct Round: Sendable, Equatable {
        public var compaction: CompactionPolicy.Decision
        public var collected: TombstoneCollection
    }

    public func run() async throws {
        await Periodic.run(every: interval, waitFirst: true) {
            do { try runOnce() } catch { logger.error("Tombstone collection failed; the next round retries", metadata: ["error": "\(error)"]) }
        }
    }

    @discardableResult
    public func runOnce(now: Date = Date()) throws -> Round {
        let store = state.store
        let me = state.credentials.identity.participant
        let acks = try store.federation.acknowledgements()
        let peers = state.peers.keys.compactMap { state.registry?.entry($0) }
        // Until a new epoch is published whole, its chains say nothing of what is dead: never compact again then.
        let decision =
            try store.chains.isRepublishing()
            ? .keep
            : policy.decide(
                chains: try store.federation.ownChainStatuses(), epochStartedAt: try store.chains.epochStartedAt() ?? now, now: now,
                acknowledged: { scope, head in
                    peers.filter { scope.isEntitled($0, origin: me) }.allSatisfy { peer in
                        guard let ack = acks[peer.id]?[scope] else { return false }
                        return ack.epoch == head.epoch && ack.seq >= head.seq
                    }
                })
        if decision != .keep {
            try store.chains.compactOwn()
            state.metrics.compacted(decision)
            logger.notice("Compacted this node's chains into a new epoch", metadata: ["reason": "\(decision.rawValue)"])
        }
        let collected = try store.chains.collectTombstones(now: now, maxAge: policy.maxTombstoneAge)
        if collected.total > 0 {
            state.metrics.tombstonesCollected(collected.total)
            logger.info("Collected tombstones", metadata: ["removals": "\(collected.removals)", "retractions": "\(collected.retractions)"])
        }
        return Round(compaction: decision, collected: collected)
    }
}
