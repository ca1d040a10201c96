import Crypto
public import Foundation
import GRDB
public import LanternCore

/// The audit log: append-only (SQLite triggers refuse changes and deletions) and hash-chained.
///
/// Owns `audit_log`, and the key of its value digests in `node_meta`.
public struct AuditStore: Sendable {
    let database: NodeStore
    var writer: DatabasePool { database.writer }
}

extension AuditStore {
    /// Appends one record, chained to the last, in its own transaction. - Returns: the record.
    @discardableResult
    public func append(_ entry: AuditEntry, now: Date) throws -> AuditRecord {
        try writer.write { db in try Self.append(entry, now: now, in: db) }
    }

    /// Appends inside the caller's transaction, so a change and its record commit together.
    @discardableResult
    static func append(_ entry: AuditEntry, now: Date, in db: Database) throws -> AuditRecord {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        let seq = (last?["seq"] as Int64? ?? 0) + 1
        let previous: Data = last?["hash"] ?? AuditChain.genesis
        let stored = AuditChain.StoredFields(entry)
        let at = now.millisecondsSince1970
        let hash = AuditChain.hash(previous: previous, seq: seq, at: at, fields: stored)
        try db.execute(
            sql: """
                INSERT INTO audit_log (seq, at, actor_kind, actor, actor_owner, address, action, succeeded, targets, detail,
                prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                seq, at, stored.actorKind, stored.actor, stored.actorOwner, stored.address, stored.action, stored.succeeded,
                stored.targets, stored.detail, previous, hash,
            ])
        return AuditRecord(seq: seq, at: Date(milliseconds: at), entry: entry, previousHash: previous, hash: hash)
    }

    /// Checks every record from the first: each hash recomputed, each link to the one before, no gap in the
    /// sequence. Reads in pages, so a long log takes little memory.
    public func verify() throws -> AuditVerification {
        try writer.read { db in
            var previous = AuditChain.genesis
            var expected: Int64 = 1
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY seq")
            while let row = try rows.next() {
                let seq: Int64 = row["seq"]
                let fields = AuditChain.StoredFields(row: row)
                func broken(_ reason: String) -> AuditVerification {
                    AuditVerification(records: expected - 1, headHash: previous, problem: (seq, reason))
                }
                guard seq == expected else { return broken("Record \(expected) is missing: the next record is \(seq).") }
                guard row["prev_hash"] as Data == previous else {
                    return broken("Record \(seq) does not link to the record before it.")
                }
                let hash = AuditChain.hash(previous: previous, seq: seq, at: row["at"], fields: fields)
                guard row["hash"] as Data == hash else { return broken("Record \(seq) was changed after it was written.") }
                previous = hash
                expected += 1
            }
            return AuditVerification(records: expected - 1, headHash: previous, problem: nil)
        }
    }

    /// The hash of record `seq`, or nil if there is none: checked against a hash kept outside the node, it shows
    /// that the log still holds everything up to that record, unchanged (a cut-off tail included).
    public func hash(at seq: Int64) throws -> Data? {
        try writer.read { db in try Data.fetchOne(db, sql: "SELECT hash FROM audit_log WHERE seq = ?", arguments: [seq]) }
    }

    /// Records newest first, matching `filter`, before `seq` (keyset paging: no limit on how far back one pages).
    public func page(_ filter: AuditFilter, before seq: Int64? = nil, limit: Int) throws -> [AuditRecord] {
        try writer.read { db in
            var conditions: [String] = []
            var values: [(any DatabaseValueConvertible)?] = []
            func match(_ condition: String, _ value: some DatabaseValueConvertible) {
                conditions.append(condition)
                values.append(value)
            }
            if let seq { match("seq < ?", seq) }
            if let actor = filter.actor { match("actor = ?", actor) }
            if let action = filter.action { match("action = ?", action.rawValue) }
            if let from = filter.from { match("at >= ?", from.millisecondsSince1970) }
            if let until = filter.until { match("at < ?", until.millisecondsSince1970) }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let arguments = StatementArguments(values + [limit])
            return try Row.fetchAll(db, sql: "SELECT * FROM audit_log \(whereClause) ORDER BY seq DESC LIMIT ?", arguments: arguments)
                .map(Self.decode)
        }
    }

    /// Records in order after `seq`, for an export that reads the log in pages.
    public func records(after seq: Int64, limit: Int) throws -> [AuditRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [seq, limit]).map(Self.decode)
        }
    }

    /// A keyed digest of a searched-for value: the log can show that two searches asked for the same value, and
    /// someone holding the value and the node can check it, but the log never holds the value itself.
    public func valueDigest(_ value: String) throws -> String {
        let key = try digestKey()
        let code = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: SymmetricKey(data: key))
        return "hmac:" + Hex.encode(Array(code.prefix(16)))
    }

    private func digestKey() throws -> Data {
        if let hex = try writer.read({ db in try NodeStore.meta("audit_digest_key", in: db) }), let key = Hex.decode(hex) {
            return Data(key)
        }
        return try writer.write { db in
            if let hex = try NodeStore.meta("audit_digest_key", in: db), let key = Hex.decode(hex) { return Data(key) }
            let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
            try NodeStore.setMeta("audit_digest_key", Hex.encode(key), in: db)
            return key
        }
    }

    static func decode(_ row: Row) -> AuditRecord {
        AuditRecord(
            seq: row["seq"], at: Date(milliseconds: row["at"]), entry: AuditChain.StoredFields(row: row).entry,
            previousHash: row["prev_hash"], hash: row["hash"])
    }
}
