import GRDB
import LanternCore

extension NodeStore {
    /// One of the node's own settings and cursors (`node_meta`): its participant, epoch, the chain builder's
    /// cursors, and the like.
    static func meta(_ key: String, in db: Database) throws -> String? {
        try db.value(String.self, sql: "SELECT value FROM node_meta WHERE key = ?", arguments: [key])
    }

    /// Sets one of the node's own settings and cursors.
    static func setMeta(_ key: String, _ value: String, in db: Database) throws {
        try db.run(
            sql: "INSERT INTO node_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: [key, value])
    }

    /// The participant this node belongs to. - Throws: `StoreError.notInitialized` before `initialize`.
    static func participant(in db: Database) throws -> ParticipantID {
        guard let raw = try meta("participant", in: db) else { throw StoreError.notInitialized }
        guard let id = ParticipantID(raw) else { throw StoreError.corrupt("participant id '\(raw)'") }
        return id
    }
}
