import Foundation
import GRDB
public import LanternCore

extension SignalStore {
    /// One live signal, or `nil`.
    public func signal(_ id: SignalID) throws -> StoredSignal? {
        let codec = SignalCodec()
        return try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT \(SignalCodec.columns) FROM signals WHERE id = ?", arguments: [id.rawValue])
                .map(codec.decode)
        }
    }

    /// What remains of a removed signal, or `nil` if it was never removed here.
    public func removal(_ id: SignalID) throws -> RemovalRecord? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM removals WHERE id = ?", arguments: [id.rawValue]) else { return nil }
            return try Self.decodeRemoval(row)
        }
    }

    /// The number of live signals.
    public func count() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM signals") ?? 0 }
    }

    /// Counts of removals by type and reason, for transparency figures: no ids, no content.
    public func removalCounts() throws -> [(type: String, reason: String, count: Int)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT type, reason, sum(count) AS n FROM removal_log GROUP BY type, reason ORDER BY type, reason")
                .map { (type: $0["type"], reason: $0["reason"], count: $0["n"]) }
        }
    }

    static func decodeRemoval(_ row: Row) throws -> RemovalRecord {
        guard let id = SignalID(row["id"]), let origin = ParticipantID(row["origin"]),
            let type = SignalType(rawValue: row["type"]), let reason = RemovalReason(rawValue: row["reason"])
        else { throw StoreError.corrupt("removal record") }
        return RemovalRecord(
            id: id, origin: origin, revision: UInt64(max(0, row["revision"] as Int64)), type: type,
            removedAt: Date(milliseconds: row["removed_at"]), reason: reason)
    }
}
