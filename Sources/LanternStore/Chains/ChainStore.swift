import GRDB

/// The hash-chained event logs by which signals travel: building this node's own chains from its changes, serving
/// them, applying and relaying peers' chains, removal proofs, epochs, compaction and tombstones.
///
/// Owns `chains`, `chain_events`, `chain_heads`, `chain_signals`, `retractions` (of received signals), `removal_proofs`
/// and `origin_certificates`.
public struct ChainStore: Sendable {
    let database: NodeStore
    var writer: DatabasePool { database.writer }
}
