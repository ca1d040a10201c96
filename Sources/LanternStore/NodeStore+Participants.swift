public import Foundation
import GRDB
public import LanternCore

extension NodeStore {
    /// Records which participant this node belongs to, and adds it to the participant list.
    public func initialize(as participant: Participant) throws {
        try writer.write { db in
            if let existing = try Self.meta("participant", in: db) {
                throw StoreError.alreadyInitialized(existing)
            }
            try db.execute(sql: "INSERT INTO node_meta (key, value) VALUES ('participant', ?)", arguments: [participant.id.rawValue])
            try db.execute(sql: "INSERT INTO node_meta (key, value) VALUES ('revision', '0')")
            try db.execute(sql: "INSERT INTO node_meta (key, value) VALUES ('chained_seq', '0')")
            try Self.startNewEpoch(in: db)
            // A node's first epoch follows nothing, so it needs no snapshot markers; a restored node's epochs do.
            try db.execute(sql: "INSERT INTO node_meta (key, value) SELECT 'snapshot_epoch', value FROM node_meta WHERE key = 'epoch'")
            try Self.upsert(participant, in: db)
        }
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
        defer { localChangeCommitted() }
        try writer.write { db in
            let floor = max(try Self.currentRevision(db), UInt64(max(0, now.timeIntervalSince1970 * 1_000_000)))
            let me = try Self.meta("participant", in: db) ?? ""
            try db.execute(sql: "UPDATE signals SET revision = ? + rowid WHERE origin = ?", arguments: [Int64(floor), me])
            try db.execute(sql: "UPDATE reactions SET revision = ? + seq WHERE reactor = ?", arguments: [Int64(floor), me])
            let top =
                try Int64.fetchOne(
                    db, sql: "SELECT max(coalesce((SELECT max(rowid) FROM signals), 0), coalesce((SELECT max(seq) FROM reactions), 0))") ?? 0
            try Self.setRevision(floor + UInt64(max(0, top)) + 1, in: db)
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
        for earlier in [try Self.meta("epoch", in: db), floor].compactMap({ $0 }) where earlier.count == 20 {
            if let previous = UInt64(earlier.prefix(12), radix: 16) { milliseconds = max(milliseconds, previous &+ 1) }
        }
        let epoch = String(format: "%012llx%08x", milliseconds, UInt32.random(in: .min ... .max))
        try setMeta("epoch", epoch, in: db)
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

    /// The participant this node belongs to.
    public func localParticipantID() throws -> ParticipantID {
        try writer.read { db in try Self.participant(in: db) }
    }

    /// Adds a participant to the local list, or replaces its entry.
    public func saveParticipant(_ participant: Participant) throws {
        try writer.write { db in try Self.upsert(participant, in: db) }
    }

    /// The local participant list.
    public func participants() throws -> ParticipantDirectory {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, role, financial_opt_in, name FROM participants")
            var list: [Participant] = []
            for row in rows {
                let rawID: String = row["id"]
                let rawRole: String = row["role"]
                guard let id = ParticipantID(rawID), let role = ParticipantRole(rawValue: rawRole) else {
                    throw StoreError.corrupt("participant '\(rawID)'")
                }
                list.append(Participant(id: id, role: role, financialPoolOptIn: row["financial_opt_in"] as Int == 1, name: row["name"]))
            }
            return ParticipantDirectory(list)
        }
    }

    static func upsert(_ participant: Participant, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO participants (id, role, financial_opt_in, name) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET role = excluded.role, financial_opt_in = excluded.financial_opt_in,
                    name = excluded.name
                """,
            arguments: [participant.id.rawValue, participant.role.rawValue, participant.financialPoolOptIn ? 1 : 0, participant.name])
    }

    /// Stores a taxonomy version. Loading the same version twice with a different document is refused.
    public func saveTaxonomy(_ taxonomy: Taxonomy, document: String, now: Date) throws -> Bool {
        try writer.write { db in
            if let existing = try String.fetchOne(db, sql: "SELECT document FROM taxonomies WHERE version = ?", arguments: [taxonomy.version]) {
                guard (try? Taxonomy.decode(json: existing)) == taxonomy else { throw TaxonomyConflict(version: taxonomy.version) }
                try Self.setMeta("taxonomy", taxonomy.version, in: db)
                return false
            }
            try db.execute(
                sql: "INSERT INTO taxonomies (version, document, loaded_at) VALUES (?, ?, ?)",
                arguments: [taxonomy.version, document, now.millisecondsSince1970])
            try Self.setMeta("taxonomy", taxonomy.version, in: db)
            return true
        }
    }

    /// The taxonomy in force: the one loaded last (a version loaded again becomes current again), or `nil` when
    /// none was loaded and the node uses its built-in one.
    public func latestTaxonomy() throws -> Taxonomy? {
        let document = try writer.read { db in
            try String.fetchOne(
                db, sql: "SELECT document FROM taxonomies WHERE version = (SELECT value FROM node_meta WHERE key = 'taxonomy')")
        }
        guard let document else { return nil }
        do { return try Taxonomy.decode(json: document) } catch { throw StoreError.corrupt("taxonomy: \(error.reason)") }
    }
}

/// A taxonomy version that was already loaded with other content.
public struct TaxonomyConflict: Error, CustomStringConvertible {
    public let version: String
    public var description: String {
        "Taxonomy version \(version) is already loaded with different content; give the new document a new version."
    }
}

extension Date {
    /// Held to the range a node stores (`Timestamp.millisecondRange`), so no date converts with a trap.
    var millisecondsSince1970: Int64 { Timestamp.milliseconds(self) }
    init(milliseconds: Int64) { self.init(timeIntervalSince1970: TimeInterval(milliseconds) / 1000) }
}
