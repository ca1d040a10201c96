import Foundation
import GRDB
public import LanternCore
public import LanternSync

/// How an origin finds out it lost events it had published: its peers hold heads it signed that its own chains no
/// longer reach (a power loss took commits the peers had already pulled). Publishing on from there would give a
/// sequence number twice with different content, which every peer refuses as a fork; a new epoch instead makes
/// them take its chains again.
extension NodeStore {
    /// This node's current epoch.
    public func currentEpoch() throws -> String? {
        try writer.read { db in try Self.meta("epoch", in: db) }
    }

    /// The newest head this node holds of each of `origin`'s chains, in the epoch it holds.
    public func newestHeads(of origin: ParticipantID) throws -> [ChainHead] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.scope, c.epoch, h.seq, h.hash, h.signature FROM chains c JOIN chain_heads h ON h.chain = c.id
                    WHERE c.origin = ? AND h.seq = (SELECT max(seq) FROM chain_heads WHERE chain = c.id)
                    """,
                arguments: [origin.rawValue]
            ).map {
                ChainHead(
                    origin: origin, scope: $0["scope"], epoch: $0["epoch"], seq: UInt64(max(0, $0["seq"] as Int64)),
                    hash: try ChainDigest.stored($0["hash"]), signature: $0["signature"])
            }
        }
    }

    /// Whether `head`, one of this node's own that the caller checked it signed, shows that this node lost events
    /// it had published: the head is of a later epoch than this node's, or of its epoch but past the chain's end or
    /// at a different event.
    public func hasLostEvents(shownBy head: ChainHead) throws -> Bool {
        try writer.read { db in
            guard head.origin == (try Self.participant(in: db)), let epoch = try Self.meta("epoch", in: db) else { return false }
            guard head.epoch <= epoch else { return true }
            guard head.epoch == epoch else { return false }
            guard
                let chain = try db.row(
                    sql: "SELECT id, epoch, seq FROM chains WHERE origin = ? AND scope = ?", arguments: [head.origin.rawValue, head.scope]),
                chain["epoch"] as String == epoch
            else { return true }
            guard head.seq <= UInt64(max(0, chain["seq"] as Int64)) else { return true }
            let hash = try db.value(
                Data.self, sql: "SELECT hash FROM chain_events WHERE chain = ? AND seq = ?", arguments: [chain["id"] as Int64, Int64(head.seq)])
            return try hash.map { try ChainDigest.stored($0) != head.hash } ?? false
        }
    }
}
