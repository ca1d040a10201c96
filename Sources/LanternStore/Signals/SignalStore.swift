import GRDB

/// The signals this node holds, its own and received: adding, changing and removing its own (one transaction each,
/// imports resumable by line), reading and searching, and the change log the matcher follows.
///
/// Owns `signals`, `removals`, `removal_log` and `imports`.
public struct SignalStore: Sendable {
    let database: NodeStore
    var writer: DatabasePool { database.writer }
}
