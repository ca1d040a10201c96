public import Foundation
import GRDB
public import LanternCore

extension SignalStore {
    /// Stores new signals authored by this node, in one transaction: all of them or none.
    ///
    /// Each gets the next revision of this node's counter and the next change sequence number.
    /// - Returns: the signals as stored, with their revisions.
    /// - Parameter progress: for imports, the import's id and the last input line this batch covers, recorded in
    ///   the same transaction.
    @discardableResult
    /// - Parameter action: what the audit record (under the task's `AuditScope`, if any) calls the write.
    public func addLocal(_ signals: [Signal], progress: ImportProgress? = nil, action: AuditAction = .signalCreate) throws -> [Signal] {
        defer { database.localChangeCommitted() }
        guard !signals.isEmpty || progress != nil else { return [] }
        let codec = SignalCodec()
        let scope = AuditScope.current
        return try writer.write { db in
            var revision = try Self.currentRevision(db)
            var seq = try Self.lastSeq(db)
            let insert = try db.cachedStatement(sql: SignalCodec.insertSQL(guarded: true))
            var stored: [Signal] = []
            stored.reserveCapacity(signals.count)
            for var signal in signals {
                revision += 1
                seq += 1
                signal.revision = revision
                do {
                    try codec.insert(signal, seq: seq, with: insert, in: db)
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    throw StoreError.duplicateSignal(signal.id.rawValue)
                }
                stored.append(signal)
            }
            try Self.setRevision(revision, in: db)
            if let progress {
                try db.execute(
                    sql: """
                        INSERT INTO imports (id, lines_committed, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET lines_committed = max(lines_committed, excluded.lines_committed),
                            updated_at = excluded.updated_at
                        """,
                    arguments: [progress.importID, progress.linesCommitted, Date().millisecondsSince1970])
            }
            if let scope, !stored.isEmpty {
                try AuditStore.append(
                    scope.entry(action, targets: stored.map(\.id.rawValue), detail: ["count": String(stored.count)]), now: Date(), in: db)
            }
            return stored
        }
    }

    /// The last input line an import has committed, or 0 for an import never seen.
    public func importProgress(id: String) throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT lines_committed FROM imports WHERE id = ?", arguments: [id]) ?? 0 }
    }

    /// Replaces a live signal of this node's with a new version, under a new revision.
    public func updateLocal(_ signal: Signal) throws -> Signal {
        try updateLocal(signal.id) { _ in signal }
    }

    /// Reads a live signal, lets `change` make the new version, and stores it, all in one transaction, so two
    /// concurrent updates, or an update and a removal, cannot overwrite or resurrect each other.
    public func updateLocal(_ id: SignalID, change: (Signal) throws -> Signal) throws -> Signal {
        defer { database.localChangeCommitted() }
        let codec = SignalCodec()
        let scope = AuditScope.current
        return try writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(SignalCodec.columns) FROM signals WHERE id = ?", arguments: [id.rawValue])
            else { throw StoreError.signalNotFound(id.rawValue) }
            let existing = try codec.decode(row).signal
            let signal = try change(existing)
            var updated = signal
            updated.revision = try Self.currentRevision(db) + 1
            let seq = try Self.lastSeq(db) + 1
            try db.execute(sql: "DELETE FROM signals WHERE id = ?", arguments: [signal.id.rawValue])
            try codec.insert(updated, seq: seq, with: db.cachedStatement(sql: SignalCodec.insertSQL(guarded: true)), in: db)
            try Self.setRevision(updated.revision, in: db)
            try Self.recordRevision(of: existing, as: updated, by: scope.map { "\($0.actor.kind):\($0.actor.description)" }, in: db)
            if let scope { try AuditStore.append(scope.entry(.signalUpdate, targets: [id.rawValue]), now: Date(), in: db) }
            return updated
        }
    }

    /// Removes a live signal: its content is purged, and only its id, origin, type, date and reason remain.
    ///
    /// The write-ahead log is then truncated, so the removed content is left in no file of the node.
    @discardableResult
    public func remove(_ id: SignalID, reason: RemovalReason, now: Date) throws -> RemovalRecord {
        defer { database.localChangeCommitted() }
        let scope = AuditScope.current
        let record = try writer.write { db in
            let record = try Self.remove(id, reason: reason, now: now, local: true, in: db)
            if let scope {
                try AuditStore.append(
                    scope.entry(.signalRemove, targets: [id.rawValue], detail: ["type": record.type.rawValue, "reason": reason.rawValue]), now: now,
                    in: db)
            }
            return record
        }
        database.truncateLog()
        return record
    }

    /// Removes every signal whose retention has ended, this node's and received ones alike.
    /// - Returns: what was removed.
    public func expire(now: Date, limit: Int = 10_000) throws -> [RemovalRecord] {
        defer { database.localChangeCommitted() }
        let records = try writer.write { db in
            let ids = try String.fetchAll(
                db, sql: "SELECT id FROM signals WHERE expires_at <= ? ORDER BY expires_at LIMIT ?",
                arguments: [now.millisecondsSince1970, limit])
            return try ids.compactMap { raw -> RemovalRecord? in
                guard let id = SignalID(raw) else { return nil }
                return try Self.remove(id, reason: .retentionReached, now: now, local: false, in: db)
            }
        }
        if !records.isEmpty { database.truncateLog() }
        return records
    }

    // MARK: - Inside transactions

    static func remove(_ id: SignalID, reason: RemovalReason, now: Date, local: Bool, in db: Database) throws -> RemovalRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT origin, type, revision FROM signals WHERE id = ?", arguments: [id.rawValue]) else {
            throw StoreError.signalNotFound(id.rawValue)
        }
        guard let origin = ParticipantID(row["origin"]), let type = SignalType(rawValue: row["type"]) else {
            throw StoreError.corrupt("signal \(id)")
        }
        let localID = try NodeStore.meta("participant", in: db)
        var revision = UInt64(max(0, row["revision"] as Int64))
        if origin.rawValue == localID {
            // The origin's own removal takes the next revision of its counter, so it supersedes every version.
            revision = try currentRevision(db) + 1
            try setRevision(revision, in: db)
        }
        let seq = try lastSeq(db) + 1
        let record = RemovalRecord(id: id, origin: origin, revision: revision, type: type, removedAt: now, reason: reason)
        try db.execute(sql: "DELETE FROM signals WHERE id = ?", arguments: [id.rawValue])
        try db.execute(
            sql: "INSERT INTO removals (id, origin, revision, seq, type, removed_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [id.rawValue, origin.rawValue, Int64(revision), seq, type.rawValue, now.millisecondsSince1970, reason.rawValue])
        try db.execute(
            sql: """
                INSERT INTO removal_log (type, removed_on, reason, count) VALUES (?, ?, ?, 1)
                ON CONFLICT (type, removed_on, reason) DO UPDATE SET count = count + 1
                """,
            arguments: [type.rawValue, String(Timestamp.format(now).prefix(10)), reason.rawValue])
        return record
    }

    static func currentRevision(_ db: Database) throws -> UInt64 {
        guard let text = try NodeStore.meta("revision", in: db) else {
            throw StoreError.notInitialized
        }
        guard let value = UInt64(text) else { throw StoreError.corrupt("revision counter") }
        return value
    }

    static func setRevision(_ value: UInt64, in db: Database) throws {
        try db.execute(sql: "UPDATE node_meta SET value = ? WHERE key = 'revision'", arguments: [String(value)])
    }

    /// The highest change sequence number used so far, live or removed.
    static func lastSeq(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(
            db,
            sql: """
                SELECT max(coalesce((SELECT max(seq) FROM signals), 0), coalesce((SELECT max(seq) FROM removals), 0),
                coalesce((SELECT max(seq) FROM retractions), 0),
                coalesce((SELECT CAST(value AS INTEGER) FROM node_meta WHERE key = 'seq_floor'), 0))
                """) ?? 0
    }
}
