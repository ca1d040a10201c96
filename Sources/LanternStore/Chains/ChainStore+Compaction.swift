public import Foundation
import GRDB
import LanternCore
import LanternSync

/// What one tombstone collection removed.
public struct TombstoneCollection: Sendable, Equatable {
    public var removals = 0
    public var retractions = 0
    public var proofs = 0

    public var total: Int { removals + retractions }
}

extension ChainStore {
    /// Compacts this node's own chains: a new epoch that the chain builder fills with every live signal and
    /// reaction at its current revision, then a snapshot marker per chain. Removals, retractions and superseded
    /// events leave the log; peers reconcile at the marker, so nothing a lagging peer missed comes back.
    public func compactOwn() throws {
        defer { database.localChangeCommitted() }
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
            try NodeStore.setMeta("seq_floor", String(try SignalStore.lastSeq(db)), in: db)
            let me = try NodeStore.participant(in: db).rawValue
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
                let published = origin == me ? Int64(try NodeStore.meta("chained_seq", in: db) ?? "0") ?? 0 : .max
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
        if collected.total > 0 { database.truncateLog() }
        return collected
    }
}
