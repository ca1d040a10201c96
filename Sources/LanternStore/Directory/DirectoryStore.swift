import Foundation
import GRDB
public import LanternCore

/// Who this node is and who else takes part: the node's own participant, the participant list and the taxonomy
/// versions loaded.
///
/// Owns `participants` and `taxonomies`, and the node's identity in `node_meta`.
public struct DirectoryStore: Sendable {
    let database: NodeStore
    var writer: DatabasePool { database.writer }
}

extension DirectoryStore {
    /// Records which participant this node belongs to, and adds it to the participant list.
    public func initialize(as participant: Participant) throws {
        try writer.write { db in
            if let existing = try NodeStore.meta("participant", in: db) {
                throw StoreError.alreadyInitialized(existing)
            }
            try db.execute(sql: "INSERT INTO node_meta (key, value) VALUES ('participant', ?)", arguments: [participant.id.rawValue])
            try db.execute(sql: "INSERT INTO node_meta (key, value) VALUES ('revision', '0')")
            try db.execute(sql: "INSERT INTO node_meta (key, value) VALUES ('chained_seq', '0')")
            try ChainStore.startNewEpoch(in: db)
            // A node's first epoch follows nothing, so it needs no snapshot markers; a restored node's epochs do.
            try db.execute(sql: "INSERT INTO node_meta (key, value) SELECT 'snapshot_epoch', value FROM node_meta WHERE key = 'epoch'")
            try Self.upsert(participant, in: db)
        }
    }

    /// The participant this node belongs to.
    public func localParticipantID() throws -> ParticipantID {
        try writer.read { db in try NodeStore.participant(in: db) }
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
}
