public import Foundation
import GRDB
public import LanternCore
public import LanternSync

extension ChainStore {
    /// The newest epoch of `origin` held in any chain: no older one is taken again.
    public func newestEpoch(of origin: ParticipantID) throws -> String? {
        try writer.read { db in try db.value(String.self, sql: "SELECT max(epoch) FROM chains WHERE origin = ?", arguments: [origin.rawValue]) }
    }

    /// Whether the chain builder is still publishing this node's live signals again in a new epoch (after a
    /// compaction or a restore): its chains do not show what is live until it has finished.
    public func isRepublishing() throws -> Bool {
        try writer.read { db in try NodeStore.meta("snapshot_epoch", in: db) != NodeStore.meta("epoch", in: db) }
    }

    /// When this node's current epoch began.
    public func epochStartedAt() throws -> Date? {
        try writer.read { db in try NodeStore.meta("epoch", in: db).flatMap(CompactionPolicy.start(ofEpoch:)) }
    }

    /// Starts a new epoch for this node's own chains. A restored node does this: it cannot be sure its chains
    /// continue what its peers already hold, so they take its chains again from the start.
    ///
    /// Its peers may hold later revisions of its signals than the backup does (changes made after the backup), so
    /// every live signal and reaction of its own is given a fresh revision above any it can have issued before:
    /// what the restored node publishes wins everywhere. Its revision counter jumps to the clock in microseconds.
    ///
    /// - Parameter earlier: an epoch the new one must follow, besides this node's own (one a peer showed it held).
    public func startNewEpoch(now: Date = Date(), after earlier: String? = nil) throws {
        defer { database.localChangeCommitted() }
        try writer.write { db in
            let floor = max(try SignalStore.currentRevision(db), UInt64(max(0, now.timeIntervalSince1970 * 1_000_000)))
            let me = try NodeStore.meta("participant", in: db) ?? ""
            try db.execute(sql: "UPDATE signals SET revision = ? + rowid WHERE origin = ?", arguments: [Int64(floor), me])
            try db.execute(sql: "UPDATE reactions SET revision = ? + seq WHERE reactor = ?", arguments: [Int64(floor), me])
            let top =
                try Int64.fetchOne(
                    db, sql: "SELECT max(coalesce((SELECT max(rowid) FROM signals), 0), coalesce((SELECT max(seq) FROM reactions), 0))") ?? 0
            try SignalStore.setRevision(floor + UInt64(max(0, top)) + 1, in: db)
            // Every live signal is published again in the new epoch.
            try Self.restartOwnChains(in: db, after: earlier)
            try db.execute(
                sql: "INSERT INTO node_meta (key, value) SELECT 'restored_epoch', value FROM node_meta WHERE key = 'epoch' "
                    + "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        }
    }

    static func startNewEpoch(in db: Database, after floor: String? = nil) throws {
        // Milliseconds since 1970 then 32 random bits, in fixed-width hex, so a later epoch compares greater: a
        // receiver never goes back to an epoch older than the one it holds, whoever relays it.
        var milliseconds = UInt64(max(0, Date().timeIntervalSince1970 * 1000))
        // Never at or before the epoch it replaces, even within one millisecond or after the clock stepped back.
        for earlier in [try NodeStore.meta("epoch", in: db), floor].compactMap({ $0 }) where earlier.count == 20 {
            if let previous = UInt64(earlier.prefix(12), radix: 16) { milliseconds = max(milliseconds, previous &+ 1) }
        }
        let epoch = String(format: "%012llx%08x", milliseconds, UInt32.random(in: .min ... .max))
        try NodeStore.setMeta("epoch", epoch, in: db)
    }

    /// Whether this node's current epoch began with a restore: it then learns back from its peers the removals it
    /// made after its backup.
    public func isRestoredEpoch() throws -> Bool {
        try writer.read { db in
            let values = try Row.fetchAll(db, sql: "SELECT key, value FROM node_meta WHERE key IN ('epoch', 'restored_epoch')")
            let byKey = Dictionary(uniqueKeysWithValues: values.map { ($0["key"] as String, $0["value"] as String) })
            return byKey["epoch"] != nil && byKey["epoch"] == byKey["restored_epoch"]
        }
    }

    /// How an origin finds out it lost events it had published: its peers hold heads it signed that its own chains no
    /// longer reach (a power loss took commits the peers had already pulled). Publishing on from there would give a
    /// sequence number twice with different content, which every peer refuses as a fork; a new epoch instead makes
    /// them take its chains again.
    /// This node's current epoch.
    public func currentEpoch() throws -> String? {
        try writer.read { db in try NodeStore.meta("epoch", in: db) }
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
            guard head.origin == (try NodeStore.participant(in: db)), let epoch = try NodeStore.meta("epoch", in: db) else { return false }
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
