public import Foundation
public import LanternCore
public import LanternSync
import Synchronization

/// What this node last saw of each peer, for `lantern peer status`: the last contact in either direction, the
/// last error, and per scope when it last pulled and how far the peer was ahead. Kept in memory: after a restart
/// it fills again with the first periodic pull.
public final class PeerActivity: Sendable {
    public struct Scoped: Sendable {
        public var lastPull: Date?
        /// Where the peer stood in each origin's chain of this scope at the last pull.
        public var offered: [ParticipantID: ChainPosition] = [:]
    }

    public struct Peer: Sendable {
        public var lastContact: Date?
        public var lastError: String?
        public var lastErrorAt: Date?
        public var scopes: [String: Scoped] = [:]
    }

    private let peers = Mutex<[ParticipantID: Peer]>([:])

    public init() {}

    func contact(_ peer: ParticipantID, at now: Date = Date()) {
        peers.withLock { $0[peer, default: Peer()].lastContact = now }
    }

    func failed(_ peer: ParticipantID, _ error: String, at now: Date = Date()) {
        peers.withLock {
            $0[peer, default: Peer()].lastError = error
            $0[peer, default: Peer()].lastErrorAt = now
        }
    }

    /// Records what a peer's chain list offered, scope by scope, replacing the previous offer.
    func offered(_ peer: ParticipantID, _ entries: [ChainListMessage.Entry], at now: Date = Date()) {
        var scopes: [String: Scoped] = [:]
        for entry in entries {
            scopes[entry.scope, default: Scoped(lastPull: now)].offered[entry.origin] = ChainPosition(
                epoch: entry.epoch, seq: entry.seq, hash: entry.hash)
        }
        peers.withLock { $0[peer, default: Peer()].scopes = scopes }
    }

    public func snapshot() -> [ParticipantID: Peer] { peers.withLock { $0 } }

    /// Per scope, the events `peer` offered at the last pull that this node, holding `positions`, does not: per
    /// origin, the peer's position past ours in the same epoch, or its whole chain when its epoch is newer.
    public func lag(of peer: ParticipantID, holding positions: [(origin: ParticipantID, scope: Scope, position: ChainPosition)]) -> [String: Int] {
        let held = Dictionary(positions.map { ("\($0.origin)|\($0.scope)", $0.position) }, uniquingKeysWith: { $1 })
        var lags: [String: Int] = [:]
        for (scope, scoped) in snapshot()[peer]?.scopes ?? [:] {
            lags[scope] = scoped.offered.reduce(0) { total, item in
                let offered = item.value
                guard let have = held["\(item.key)|\(scope)"] else { return Self.adding(total, offered.seq) }
                if have.epoch == offered.epoch { return Self.adding(total, offered.seq > have.seq ? offered.seq - have.seq : 0) }
                return Self.adding(total, offered.epoch > have.epoch ? offered.seq : 0)
            }
        }
        return lags
    }

    /// A peer's numbers are its own: sums saturate rather than trap.
    static func adding(_ total: Int, _ count: UInt64) -> Int {
        let (sum, overflow) = total.addingReportingOverflow(Int(clamping: count))
        return overflow ? .max : sum
    }

    /// The events a peer offered that this node does not hold, over every scope.
    public func totalLag(of peer: ParticipantID, holding positions: [(origin: ParticipantID, scope: Scope, position: ChainPosition)]) -> Int {
        Self.total(lag(of: peer, holding: positions))
    }

    /// The sum of per-scope lags (`lag(of:holding:)`), saturating.
    public static func total(_ lags: [String: Int]) -> Int {
        lags.values.reduce(0) { adding($0, UInt64($1)) }
    }
}
