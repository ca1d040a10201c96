import Foundation
import GRDB
import LanternCore
import LanternSync

/// A new signal of this node's with everything that does not need the database worked out in advance: its row's
/// JSON columns, and its event body and digest. Imports prepare signals on one core while the previous batch is
/// written on the other.
public struct PreparedSignal: Sendable {
    public let signal: Signal
    let values: [DatabaseValue]
    let body: Data
    let bodyDigest: String

    /// Prepares `signal`, whose revision must already be assigned (see `NodeStore.reserveRevisions`).
    public init(_ signal: Signal) {
        self.signal = signal
        values = SignalCodec().values(signal, seq: 0)
        body = SignalWire.encode(signal)
        bodyDigest = ChainEvent.digest(body)
    }
}

extension NodeStore {
    /// Reserves `count` revisions of this node's counter for signals prepared outside a transaction. A reserved
    /// revision that is never used leaves a gap, which is harmless: revisions only need to increase.
    public func reserveRevisions(_ count: Int) throws -> ClosedRange<UInt64> {
        precondition(count > 0)
        return try writer.write { db in
            let current = try Self.currentRevision(db)
            try Self.setRevision(current + UInt64(count), in: db)
            return (current + 1)...(current + UInt64(count))
        }
    }

    /// Stores prepared signals in one transaction, with their chain events and, for imports, the import's progress.
    @discardableResult
    public func addPreparedSignals(_ prepared: [PreparedSignal], progress: ImportProgress? = nil) throws -> [Signal] {
        try writer.write { db in
            var seq = try Self.lastSeq(db)
            let insert = try db.cachedStatement(sql: "INSERT INTO signals (\(SignalCodec.columns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
            var chains = try ChainAppender(db: db)
            var highest = try Self.currentRevision(db)
            for item in prepared {
                seq += 1
                var values = item.values
                values[3] = seq.databaseValue
                do {
                    try insert.execute(arguments: StatementArguments(values))
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    throw StoreError.duplicateSignal(item.signal.id.rawValue)
                }
                try chains.upsert(item.signal, body: item.body, bodyDigest: item.bodyDigest)
                highest = max(highest, item.signal.revision)
            }
            try chains.finish()
            try Self.setRevision(highest, in: db)
            if let progress { try Self.record(progress, in: db) }
            return prepared.map(\.signal)
        }
    }

    static func record(_ progress: ImportProgress, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO imports (id, lines_committed, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET lines_committed = excluded.lines_committed, updated_at = excluded.updated_at
                """,
            arguments: [progress.importID, progress.linesCommitted, Date().millisecondsSince1970])
    }
}
