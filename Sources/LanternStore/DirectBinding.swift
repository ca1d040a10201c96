import Foundation
import GRDB
import GRDBSQLite
import LanternSync

/// Binds values straight into a compiled statement and runs it (or steps through its rows), for the statements run
/// once per signal on the bulk paths (imports, received batches). Building GRDB's argument arrays (an existential per value, then a
/// `DatabaseValue` each) cost more than SQLite's own work there.
///
/// Use it inside a write transaction of the statement's connection, and bind every parameter in order.
struct DirectBinding {
    private let statement: Statement
    private let connection: SQLiteConnection?
    private var index: Int32 = 0
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(_ statement: Statement, in db: Database) {
        self.statement = statement
        self.connection = db.sqliteConnection
        sqlite3_reset(statement.sqliteStatement)
    }

    mutating func bind(_ text: String) {
        index += 1
        var text = text
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(statement.sqliteStatement, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    mutating func bind(_ value: Int64) {
        index += 1
        sqlite3_bind_int64(statement.sqliteStatement, index, value)
    }

    /// A blob, or NULL for nil.
    mutating func bind(_ data: Data?) {
        index += 1
        guard let data else {
            sqlite3_bind_null(statement.sqliteStatement, index)
            return
        }
        data.withUnsafeBytes { bytes in
            // An empty one has no address and is stored as NULL, as GRDB stores it.
            _ = sqlite3_bind_blob(statement.sqliteStatement, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    /// A hash, as a 32-byte blob.
    mutating func bind(_ digest: ChainDigest) {
        index += 1
        digest.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(statement.sqliteStatement, index, bytes.baseAddress, 32, Self.transient)
        }
    }

    /// Steps a query to its next row: true when there is one, read with `int64(at:)` and `text(at:)`, false at the
    /// end (the statement is then reset). - Throws: `DatabaseError` with SQLite's message, as GRDB would.
    func step() throws -> Bool {
        switch sqlite3_step(statement.sqliteStatement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE:
            sqlite3_reset(statement.sqliteStatement)
            return false
        case let code:
            throw failure(code)
        }
    }

    /// Ends a query before its last row.
    func reset() { sqlite3_reset(statement.sqliteStatement) }

    /// Column `index` of the current row as an integer.
    func int64(at index: Int32) -> Int64 { sqlite3_column_int64(statement.sqliteStatement, index) }

    /// Column `index` of the current row as text ("" for NULL).
    func text(at index: Int32) -> String {
        guard let text = sqlite3_column_text(statement.sqliteStatement, index) else { return "" }
        let count = Int(sqlite3_column_bytes(statement.sqliteStatement, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Column `index` of the current row as its bytes (text or blob; empty for NULL), valid until the next step.
    func bytes(at index: Int32) -> UnsafeRawBufferPointer {
        guard let start = sqlite3_column_blob(statement.sqliteStatement, index) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(statement.sqliteStatement, index)))
    }

    /// Whether column `index` of the current row is NULL.
    func isNull(at index: Int32) -> Bool { sqlite3_column_type(statement.sqliteStatement, index) == SQLITE_NULL }

    /// Runs the statement once. - Throws: `DatabaseError` with SQLite's message, as GRDB would.
    func run() throws {
        let code = sqlite3_step(statement.sqliteStatement)
        guard code == SQLITE_DONE else { throw failure(code) }
        sqlite3_reset(statement.sqliteStatement)
    }

    /// The error for a failed step, with SQLite's message, after resetting the statement.
    private func failure(_ code: Int32) -> DatabaseError {
        let message = connection.map { String(cString: sqlite3_errmsg($0)) }
        sqlite3_reset(statement.sqliteStatement)
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
