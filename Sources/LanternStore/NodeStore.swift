import CSQLiteSetup
public import Foundation
import GRDB
import LanternCore
import Synchronization

/// The node's SQLite database: the one owner of its `DatabaseWriter`.
///
/// Every write method is one transaction. Removals zero the removed content in the database file
/// (`secure_delete`) and then truncate the write-ahead log, so a removed value survives in no file.
public final class NodeStore: Sendable {
    let writer: DatabasePool
    public let path: String
    /// Set when a removal's log truncation could not complete (a reader held an old snapshot); retried until done.
    let truncationPending = Mutex(false)
    private let changes = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))

    /// Yields after each committed change of this node's own (signals, removals, reactions), coalescing bursts:
    /// the chain builder waits on it to publish at once. One consumer only.
    public var localChanges: AsyncStream<Void> { changes.stream }

    /// Wakes the chain builder: called after a transaction that changed this node's own state committed.
    func localChangeCommitted() { changes.continuation.yield() }

    /// SQLite's process-wide options, set once before the first store opens (`CSQLiteSetup`): 0 when set.
    static let sqliteSetup: Int32 = lantern_sqlite_setup()

    /// Whether SQLite runs with this process's options (multi-thread mode, no memory statistics): true unless
    /// something opened SQLite before the first store did.
    public static var sqliteTuned: Bool { sqliteSetup == 0 }

    /// When a commit reaches the disk: SQLite's `synchronous` setting, in write-ahead-log mode.
    public enum Synchronous: String, Sendable, CaseIterable {
        /// Every commit is flushed to the disk before it returns, so a power loss loses nothing committed.
        case full
        /// Commits are flushed at checkpoints only: a power loss can lose the last commits (never consistency).
        case normal
    }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String, synchronous: Synchronous = .full) throws {
        _ = Self.sqliteSetup
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // Overwrite deleted content with zeros, so removed signals leave no trace in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        self.writer = try DatabasePool(path: path, configuration: configuration)
        // Set on the writer, the connection that commits, after the pool sets up the write-ahead log (which sets
        // NORMAL, and would undo a setting made while preparing the connection).
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(synchronous == .full ? "FULL" : "NORMAL")") }
        self.path = path
        try Self.migrator.migrate(writer)
    }

    /// The identifiers of the migrations applied to this database, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Self.migrator.appliedIdentifiers(db).sorted() }
    }

    /// Checks the database file's integrity, as `PRAGMA integrity_check` does.
    public func integrityCheck() throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Writes an online, consistent copy of the database to `destination`, which must not exist yet, stamped
    /// with the time it was taken (`backedUpAt`).
    public func backup(to destination: String, now: Date = Date()) throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw StoreError.backupDestinationExists(destination)
        }
        let target = try DatabaseQueue(path: destination)
        try writer.backup(to: target)
        try target.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            try Self.setMeta("backup_at", String(now.millisecondsSince1970), in: db)
        }
        try target.close()
    }

    /// When the backup this database was restored from (or is) was taken, if it is one.
    public func backedUpAt() throws -> Date? {
        try writer.read { db in
            try Self.meta("backup_at", in: db).flatMap(Int64.init).map(Date.init(milliseconds:))
        }
    }

    /// Moves every committed change from the write-ahead log into the database file and empties the log.
    func truncateLog() {
        // A reader holding an old snapshot can keep frames alive: then the truncation stays pending and
        // `retryPendingLogTruncation` (called by the sweeper on every run) tries again.
        let done = (try? writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }) != nil
        truncationPending.withLock { $0 = !done }
    }

    /// Retries a log truncation that a removal could not complete. - Returns: whether one is still pending.
    @discardableResult
    public func retryPendingLogTruncation() -> Bool {
        guard truncationPending.withLock({ $0 }) else { return false }
        truncateLog()
        return truncationPending.withLock { $0 }
    }

    /// Closes the database, first moving every committed change from the write-ahead log into the database file, so
    /// a node stopped cleanly leaves one file that holds everything. Further calls fail.
    public func close() throws {
        truncateLog()
        try writer.close()
    }

    /// Closes the database without the checkpoint: for a short use beside a running node (a CLI command on its
    /// home), which must not take the write lock to fold the node's log.
    public func closeLeavingLog() throws {
        try writer.close()
    }
}
