import Foundation
import GRDB
import LanternCore
import LanternSync

/// Appends this node's own events to its chains inside one write transaction, keeping positions in memory until
/// `finish`, so a batch of changes reads and writes each chain's position once.
struct ChainWriter {
    let db: Database
    let origin: ParticipantID
    let epoch: String
    private var chains: [String: (id: Int64, position: ChainPosition)] = [:]
    private let insert: Statement

    init(db: Database) throws {
        self.db = db
        origin = try NodeStore.participant(in: db)
        epoch = try NodeStore.meta("epoch", in: db) ?? "0"
        insert = try db.cachedStatement(
            sql: "INSERT INTO chain_events (chain, seq, signal_id, revision, kind, body_digest, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    }

    mutating func upsert(_ id: String, revision: UInt64, scope: Scope, digest: ChainDigest) throws {
        try append(.upsert, signalID: id, revision: revision, scope: scope, digest: digest, body: nil)
    }

    mutating func react(_ reaction: Reaction, to target: ParticipantID) throws {
        let digest = ChainEvent.digest(ReactionWire.encode(reaction))
        try append(
            .upsert, signalID: reaction.signalID.rawValue, revision: reaction.revision, scope: .reactions(to: target), digest: digest, body: nil)
    }

    mutating func remove(_ record: RemovalRecord, scope: Scope) throws {
        let body = RemovalWire(record).encoded
        try append(.remove, signalID: record.id.rawValue, revision: record.revision, scope: scope, digest: ChainEvent.digest(body), body: body)
    }

    mutating func snapshot(_ scope: Scope) throws {
        try append(.snapshot, signalID: "", revision: 0, scope: scope, digest: ChainEvent.digest(Data()), body: nil)
    }

    mutating func retract(_ id: String, revision: UInt64, scope: Scope) throws {
        try append(.retract, signalID: id, revision: revision, scope: scope, digest: ChainEvent.digest(Data()), body: nil)
    }

    private mutating func append(_ kind: ChainEvent.Kind, signalID: String, revision: UInt64, scope: Scope, digest: ChainDigest, body: Data?) throws {
        let name = scope.description
        let chain = try chains[name] ?? open(scope: name)
        let seq = chain.position.seq + 1
        let hash = ChainEvent.hash(
            origin: origin.rawValue, scope: name, epoch: epoch, seq: seq, signalID: signalID, revision: revision, kind: kind,
            bodyDigest: digest, previousHash: chain.position.hash)
        try insert.execute(arguments: [chain.id, Int64(seq), signalID, Int64(revision), kind.rawValue, digest.data, body, hash.data])
        chains[name] = (chain.id, ChainPosition(epoch: epoch, seq: seq, hash: hash))
    }

    /// This node's chain for `scope`, created if new, or restarted if it belongs to an earlier epoch.
    private func open(scope: String) throws -> (id: Int64, position: ChainPosition) {
        let start = ChainPosition(epoch: epoch, seq: 0, hash: ChainEvent.genesis)
        if let row = try db.row(sql: "SELECT id, epoch, seq, hash FROM chains WHERE origin = ? AND scope = ?", arguments: [origin.rawValue, scope]) {
            let id: Int64 = row["id"]
            guard row["epoch"] as String == epoch else {
                try db.run(sql: "DELETE FROM chain_events WHERE chain = ?", arguments: [id])
                try db.run(sql: "DELETE FROM chain_heads WHERE chain = ?", arguments: [id])
                return (id, start)
            }
            return (id, ChainPosition(epoch: epoch, seq: UInt64(max(0, row["seq"] as Int64)), hash: try ChainDigest.stored(row["hash"])))
        }
        try db.run(
            sql: "INSERT INTO chains (origin, scope, epoch, seq, hash) VALUES (?, ?, ?, 0, ?)",
            arguments: [origin.rawValue, scope, epoch, ChainEvent.genesis.data])
        return (db.lastInsertedRowID, start)
    }

    func finish() throws {
        for (_, chain) in chains {
            try db.run(
                sql: "UPDATE chains SET epoch = ?, seq = ?, hash = ? WHERE id = ?",
                arguments: [chain.position.epoch, Int64(chain.position.seq), chain.position.hash.data, chain.id])
        }
    }
}
