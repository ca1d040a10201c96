public import Foundation
import GRDB
public import LanternCore

extension SignalStore {
    /// The changes this node made to one of its own signals, newest first; empty for a received signal, one never
    /// changed, or one no longer live.
    public func revisions(of id: SignalID, limit: Int = 100) throws -> [SignalRevision] {
        let rows = try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT revision, changed_at, changed_by, changes FROM signal_revisions WHERE signal_id = ?
                    ORDER BY revision DESC LIMIT ?
                    """,
                arguments: [id.rawValue, max(1, limit)])
        }
        let decoder = JSONDecoder()
        return try rows.map { row in
            let changes = try decoder.decode([FieldChange].self, from: Data((row["changes"] as String).utf8))
            guard let changedAt = Timestamp.date(milliseconds: row["changed_at"]) else {
                throw StoreError.corrupt("revision date of signal \(id)")
            }
            return SignalRevision(
                signalID: id, revision: UInt64(max(0, row["revision"] as Int64)), changedAt: changedAt, changedBy: row["changed_by"],
                changes: changes)
        }
    }

    /// Records what a change of an own signal changed, in the change's transaction. A change that changed no field
    /// (a repeated edit) still took a revision, and is recorded with no fields so the history has no gap.
    static func recordRevision(of old: Signal, as new: Signal, by actor: String?, in db: Database) throws {
        let changes = SignalRevision.changes(from: old, to: new)
        let json = try String(decoding: JSONEncoder().encode(changes), as: UTF8.self)
        try db.execute(
            sql: "INSERT INTO signal_revisions (signal_id, revision, changed_at, changed_by, changes) VALUES (?, ?, ?, ?, ?)",
            arguments: [new.id.rawValue, Int64(new.revision), new.updatedAt.millisecondsSince1970, actor, json])
    }
}
