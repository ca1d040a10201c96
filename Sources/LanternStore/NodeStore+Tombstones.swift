public import Foundation
import GRDB
public import LanternCore
public import LanternSync

/// What one tombstone collection removed.
public struct TombstoneCollection: Sendable, Equatable {
    public var removals = 0
    public var retractions = 0
    public var proofs = 0

    public var total: Int { removals + retractions }
}

extension NodeStore {
    /// Records where `peer` says it stands in chains this node holds (its acknowledgement of what it received).
    /// Positions for chains this node does not hold are ignored.
    public func recordAcknowledgements(_ positions: [ChainListMessage.Entry], from peer: ParticipantID, now: Date = Date()) throws {
        try writer.write { db in
            for entry in positions {
                guard
                    let chain = try db.value(
                        Int64.self, sql: "SELECT id FROM chains WHERE origin = ? AND scope = ?", arguments: [entry.origin.rawValue, entry.scope])
                else { continue }
                try db.run(
                    sql: """
                        INSERT INTO peer_acks (peer, chain, epoch, seq, at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (peer, chain) DO UPDATE SET epoch = excluded.epoch, seq = excluded.seq, at = excluded.at
                        """,
                    arguments: [peer.rawValue, chain, entry.epoch, Int64(clamping: entry.seq), now.millisecondsSince1970])
            }
        }
    }

    /// Where each peer last said it stands in this node's own chains, by peer and scope.
    public func acknowledgements() throws -> [ParticipantID: [Scope: ChainPosition]] {
        try writer.read { db in
            var acks: [ParticipantID: [Scope: ChainPosition]] = [:]
            let me = try Self.participant(in: db)
            for row in try Row.fetchAll(
                db,
                sql: "SELECT a.peer, c.scope, a.epoch, a.seq FROM peer_acks a JOIN chains c ON c.id = a.chain WHERE c.origin = ?",
                arguments: [me.rawValue])
            {
                guard let peer = ParticipantID(row[0] as String), let scope = Scope(row[1] as String) else { continue }
                acks[peer, default: [:]][scope] = ChainPosition(epoch: row[2], seq: UInt64(max(0, row[3] as Int64)), hash: .zero)
            }
            return acks
        }
    }

    /// This node's own signal chains: head, events and live signals, for the compaction policy.
    public func ownChainStatuses() throws -> [OwnChainStatus] {
        try writer.read { db in
            let me = try Self.participant(in: db)
            let live = Dictionary(
                try Row.fetchAll(db, sql: "SELECT scope, count(*) FROM chain_signals GROUP BY scope").map { ($0[0] as String, $0[1] as Int) },
                uniquingKeysWith: +)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT c.scope, c.epoch, c.seq, c.hash, (SELECT count(*) FROM chain_events e WHERE e.chain = c.id AND e.kind != 'snapshot')
                    FROM chains c WHERE c.origin = ? ORDER BY c.scope
                    """,
                arguments: [me.rawValue]
            ).compactMap { row in
                guard let scope = Scope(row[0] as String), scope.audience != nil else { return nil }
                let head = ChainPosition(epoch: row[1], seq: UInt64(max(0, row[2] as Int64)), hash: try ChainDigest.stored(row[3]))
                return OwnChainStatus(scope: scope, head: head, events: row[4], live: live[scope.description] ?? 0)
            }
        }
    }

    /// The newest epoch of `origin` held in any chain: no older one is taken again.
    public func newestEpoch(of origin: ParticipantID) throws -> String? {
        try writer.read { db in try db.value(String.self, sql: "SELECT max(epoch) FROM chains WHERE origin = ?", arguments: [origin.rawValue]) }
    }

    /// Whether the chain builder is still publishing this node's live signals again in a new epoch (after a
    /// compaction or a restore): its chains do not show what is live until it has finished.
    public func isRepublishing() throws -> Bool {
        try writer.read { db in try Self.meta("snapshot_epoch", in: db) != Self.meta("epoch", in: db) }
    }

    /// When this node's current epoch began.
    public func epochStartedAt() throws -> Date? {
        try writer.read { db in try Self.meta("epoch", in: db).flatMap(CompactionPolicy.start(ofEpoch:)) }
    }

    /// Compacts this node's own chains: a new epoch that the chain builder fills with every live signal and
    /// reaction at its current revision, then a snapshot marker per chain. Removals, retractions and superseded
    /// events leave the log; peers reconcile at the marker, so nothing a lagging peer missed comes back.
    public func compactOwnChains() throws {
        defer { localChangeCommitted() }
        try writer.write { db in try Self.restartOwnChains(in: db) }
    }

    /// A new epoch whose chains the builder fills again from the change log.
    static func restartOwnChains(in db: Database, after floor: String? = nil) throws {
        try startNewEpoch(in: db, after: floor)
        try db.execute(sql: "DELETE FROM chain_signals")
        try db.execute(sql: "UPDATE node_meta SET value = '0' WHERE key = 'chained_seq'")
        try db.execute(sql: "DELETE FROM node_meta WHERE key = 'reacted_seq'")
    }

    /// Collects the tombstones nothing needs any more: a removal or retraction whose signal no chain held here
    /// mentions, once the origin's chains held here were all reconciled at a snapshot marker (so no older epoch is
    /// taken again, and the current ones cannot bring the signal back). Removals also wait for `maxAge` after the
    /// removal: their proofs are what a peer restored from a backup learns its removals back from.
    @discardableResult
    public func collectTombstones(now: Date = Date(), maxAge: TimeInterval) throws -> TombstoneCollection {
        var collected = TombstoneCollection()
        let horizon = now.addingTimeInterval(-maxAge).millisecondsSince1970
        try writer.write { db in
            // Collecting deletes change-log rows: remember the highest change number, so none is ever issued twice
            // (the chain builder and the matchers follow the log by number).
            try Self.setMeta("seq_floor", String(try Self.lastSeq(db)), in: db)
            let me = try Self.participant(in: db).rawValue
            let origins = try String.fetchAll(db, sql: "SELECT origin FROM removals UNION SELECT origin FROM retractions")
            for origin in origins {
                let chains = try Row.fetchAll(db, sql: "SELECT id, scope FROM chains WHERE origin = ?", arguments: [origin])
                    .filter { Scope($0[1] as String)?.audience != nil }.map { $0[0] as Int64 }
                if origin != me {
                    // Every chain of the origin held here has been reconciled in its current epoch.
                    guard !chains.isEmpty else { continue }
                    let reconciled = try chains.allSatisfy {
                        try db.value(
                            Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM chain_events WHERE chain = ? AND kind = 'snapshot')", arguments: [$0])
                            == true
                    }
                    guard reconciled else { continue }
                }
                var mentioned = Set<String>()
                for chain in chains {
                    mentioned.formUnion(try String.fetchAll(db, sql: "SELECT signal_id FROM chain_events WHERE chain = ?", arguments: [chain]))
                }
                // This node's own removals wait until the chain builder has published them.
                let published = origin == me ? Int64(try Self.meta("chained_seq", in: db) ?? "0") ?? 0 : .max
                for id in try String.fetchAll(
                    db, sql: "SELECT id FROM removals WHERE origin = ? AND removed_at < ? AND seq <= ?", arguments: [origin, horizon, published])
                where !mentioned.contains(id) {
                    try db.run(sql: "DELETE FROM removals WHERE id = ?", arguments: [id])
                    try db.run(sql: "DELETE FROM removal_proofs WHERE signal_id = ?", arguments: [id])
                    collected.proofs += db.changesCount
                    collected.removals += 1
                }
                guard origin != me else { continue }
                for id in try String.fetchAll(db, sql: "SELECT signal_id FROM retractions WHERE origin = ?", arguments: [origin])
                where !mentioned.contains(id) {
                    try db.run(sql: "DELETE FROM retractions WHERE signal_id = ?", arguments: [id])
                    collected.retractions += 1
                }
            }
        }
        if collected.total > 0 { truncateLog() }
        return collected
    }
}
