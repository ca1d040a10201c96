import GRDB

extension Database {
    /// Executes one statement compiled once per connection. The hot paths (applying and serving chains, the chain
    /// builder) run the same few statements for every event: compiling each anew cost a fifth of a full sync's
    /// time, in SQLite's parser and GRDB's authorizer.
    func run(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// The first row of a statement compiled once per connection.
    func row(sql: String, arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    /// The first value of a statement compiled once per connection.
    func value<T: DatabaseValueConvertible & StatementColumnConvertible>(
        _ type: T.Type, sql: String, arguments: StatementArguments = StatementArguments()
    )
        throws -> T?
    {
        try T.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }
}
