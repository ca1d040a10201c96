public import Foundation
import LanternCore

/// One of a node's own signal chains, as the compaction policy sees it.
public struct OwnChainStatus: Sendable, Equatable {
    public var scope: Scope
    public var head: ChainPosition
    /// Events in the chain's current epoch, snapshot markers aside.
    public var events: Int
    /// Signals live in the scope: the events a compacted chain would hold.
    public var live: Int

    public init(scope: Scope, head: ChainPosition, events: Int, live: Int) {
        self.scope = scope
        self.head = head
        self.events = events
        self.live = live
    }

    /// Events that no longer describe a live signal: removals, retractions, superseded upserts.
    public var dead: Int { max(0, events - live) }
}

/// Decides when an origin compacts its chains: it starts a new epoch that holds only its live signals, then a
/// snapshot marker, so removals and other dead events leave the log. A peer that was up to date finds every signal
/// it holds again; one that was behind drops, at the marker, whatever the new epoch does not mention, so nothing it
/// missed comes back. Receivers then collect their tombstones of that origin.
///
/// Two triggers:
/// - **acknowledged**: the dead events are at least as many as the live ones (and `minimumDead`), and every peer
///   entitled to each chain that has dead events acknowledged that chain's head;
/// - **age bound**: the epoch is older than `maxTombstoneAge` and holds a dead event, whoever has acknowledged
///   it. A peer away for longer gets the snapshot reconciliation when it returns.
public struct CompactionPolicy: Sendable, Equatable {
    public var maxTombstoneAge: TimeInterval
    public var minimumDead: Int

    public init(maxTombstoneAge: TimeInterval = 30 * 86_400, minimumDead: Int = 1_000) {
        self.maxTombstoneAge = maxTombstoneAge
        self.minimumDead = minimumDead
    }

    public enum Decision: String, Sendable, Equatable {
        case keep
        case acknowledged
        case ageBound = "age_bound"
    }

    /// - Parameters:
    ///   - acknowledged: whether every peer entitled to a chain acknowledged the given head.
    public func decide(
        chains: [OwnChainStatus], epochStartedAt: Date, now: Date, acknowledged: (Scope, ChainPosition) -> Bool
    ) -> Decision {
        let withDead = chains.filter { $0.dead > 0 && $0.scope.audience != nil }
        guard !withDead.isEmpty else { return .keep }
        if now.timeIntervalSince(epochStartedAt) > maxTombstoneAge { return .ageBound }
        let dead = withDead.reduce(0) { $0 + $1.dead }
        let live = chains.reduce(0) { $0 + $1.live }
        guard dead >= max(minimumDead, live) else { return .keep }
        return withDead.allSatisfy { acknowledged($0.scope, $0.head) } ? .acknowledged : .keep
    }

    /// When an epoch began: its id starts with the milliseconds since 1970 in 12 hex digits.
    public static func start(ofEpoch epoch: String) -> Date? {
        guard epoch.utf8.count >= 12, let milliseconds = UInt64(epoch.prefix(12), radix: 16) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
}
