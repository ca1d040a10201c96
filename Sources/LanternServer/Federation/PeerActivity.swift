import Foundation
import LanternCore
import LanternSync
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
                guard let have = held["\(item.key)|\(scope)"] else { return total + Int(item.value.seq) }
                if have.epoch == item.value.epoch { return total + (item.value.seq > have.seq ? Int(item.value.seq - have.seq) : 0) }
                return total + (item.value.epoch > have.epoch ? Int(item.value.seq) : 0)
            }
        }
        return lags
    }
}
