import Foundation
import GRDB
public import LanternCore
public import LanternSync

/// A batch of another origin's chain, ready to forward: the events end exactly at a head the origin signed, and
/// the origin's certificate comes with them, so the receiver verifies the origin's signature, not the relay's word.
public struct RelayBatch: Sendable {
    public var events: [ChainEvent]
    public var head: ChainHead
    public var originCertificate: String
    /// The origin's heads at the batch's removals, which receivers keep as removal proofs.
    public var removalHeads: [ChainHead]
}

extension ChainStore {
    /// Events of another origin's chain after `seq`, for a peer this node relays them to.
    ///
    /// A relay cannot sign for the origin, so a batch must end at a head the origin signed: the latest stored head
    /// within `limit` events, or, when the next head lies further, that head. Nil when nothing is held past `seq`
    /// or the origin's certificate is unknown.
    public func relayBatch(origin: ParticipantID, scope: Scope, after seq: UInt64, limit: Int = 5000) throws -> RelayBatch? {
        let found = try writer.read { db -> (head: ChainHead, certificate: String)? in
            guard
                let chain = try db.row(
                    sql: "SELECT id, epoch FROM chains WHERE origin = ? AND scope = ?", arguments: [origin.rawValue, scope.description]),
                let certificate = try db.value(
                    String.self, sql: "SELECT certificate FROM origin_certificates WHERE participant = ?", arguments: [origin.rawValue])
            else { return nil }
            let id: Int64 = chain["id"]
            let within = try db.row(
                sql: "SELECT seq, hash, signature FROM chain_heads WHERE chain = ? AND seq > ? AND seq <= ? ORDER BY seq DESC LIMIT 1",
                arguments: [id, Int64(seq), Int64(seq) + Int64(limit)])
            let beyond =
                try within
                ?? db.row(
                    sql: "SELECT seq, hash, signature FROM chain_heads WHERE chain = ? AND seq > ? ORDER BY seq LIMIT 1",
                    arguments: [id, Int64(seq)])
            guard let row = beyond else { return nil }
            let head = ChainHead(
                origin: origin, scope: scope.description, epoch: chain["epoch"], seq: UInt64(max(0, row["seq"] as Int64)),
                hash: try ChainDigest.stored(row["hash"]), signature: row["signature"])
            return (head, certificate)
        }
        guard let found else { return nil }
        let events = try events(origin: origin, scope: scope, after: seq, limit: Int(found.head.seq - seq))
        guard events.last?.seq == found.head.seq, events.last?.hash == found.head.hash else { return nil }
        let removals = Set(events.filter { $0.kind == .remove }.map(\.seq))
        let heads =
            removals.isEmpty ? [] : try storedHeads(origin: origin, scope: scope, epoch: found.head.epoch).filter { removals.contains($0.seq) }
        return RelayBatch(events: events, head: found.head, originCertificate: found.certificate, removalHeads: heads)
    }

    /// The heads held for one chain.
    func storedHeads(origin: ParticipantID, scope: Scope, epoch: String) throws -> [ChainHead] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT h.seq, h.hash, h.signature FROM chain_heads h JOIN chains c ON c.id = h.chain
                    WHERE c.origin = ? AND c.scope = ? AND c.epoch = ? ORDER BY h.seq
                    """,
                arguments: [origin.rawValue, scope.description, epoch]
            ).map {
                ChainHead(
                    origin: origin, scope: scope.description, epoch: epoch, seq: UInt64(max(0, $0["seq"] as Int64)),
                    hash: try ChainDigest.stored($0["hash"]),
                    signature: $0["signature"])
            }
        }
    }

    /// Keeps the proofs of removals that now have a tombstone here, and their heads for relaying the chain.
    static func keep(_ proofs: [RemovalProof], chain: Int64, in db: Database) throws {
        let encoder = JSONEncoder()
        for proof in proofs {
            guard try db.value(Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM removals WHERE id = ?)", arguments: [proof.event.signalID]) == true
            else { continue }
            try db.run(
                sql: "INSERT OR REPLACE INTO removal_proofs (signal_id, origin, proof) VALUES (?, ?, ?)",
                arguments: [proof.event.signalID, proof.event.origin.rawValue, String(decoding: try encoder.encode(proof), as: UTF8.self)])
            try db.run(
                sql: "INSERT OR IGNORE INTO chain_heads (chain, seq, hash, signature) VALUES (?, ?, ?, ?)",
                arguments: [chain, Int64(proof.head.seq), proof.head.hash.data, proof.head.signature])
        }
    }

    /// The removal proofs held of `origin`'s signals, by signal id after `after`.
    public func removalProofs(of origin: ParticipantID, after: String = "", limit: Int = 1000) throws -> [RemovalProof] {
        try writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT proof FROM removal_proofs WHERE origin = ? AND signal_id > ? ORDER BY signal_id LIMIT ?",
                arguments: [origin.rawValue, after, limit]
            ).compactMap { try? JSONDecoder().decode(RemovalProof.self, from: Data($0.utf8)) }
        }
    }

    /// Removes again, on a node restored from an older backup, its own signals that the proofs (verified by the
    /// caller against this node's key) show it had removed. Each becomes an ordinary removal, published in the
    /// new epoch. - Returns: how many signals were removed.
    @discardableResult
    public func relearnRemovals(_ proofs: [RemovalProof]) throws -> Int {
        defer { database.localChangeCommitted() }
        var removed = 0
        try writer.write { db in
            let me = try NodeStore.meta("participant", in: db)
            for proof in proofs where proof.event.origin.rawValue == me {
                guard let id = SignalID(proof.event.signalID),
                    try db.value(Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM signals WHERE id = ?)", arguments: [id.rawValue]) == true
                else { continue }
                let record = try Self.removal(of: proof.event)
                _ = try SignalStore.remove(id, reason: record.reason, now: record.removedAt, local: true, in: db)
                removed += 1
            }
        }
        if removed > 0 { database.truncateLog() }
        return removed
    }

    /// Keeps the certificate an origin's heads are signed with, for relaying its chains. The caller verified it
    /// against the registry and the origin.
    static func saveOriginCertificate(_ certificate: String, of origin: ParticipantID, in db: Database) throws {
        try db.run(
            sql: """
                INSERT INTO origin_certificates (participant, certificate, received_at) VALUES (?, ?, ?)
                ON CONFLICT (participant) DO UPDATE SET certificate = excluded.certificate, received_at = excluded.received_at
                """,
            arguments: [origin.rawValue, certificate, Date().millisecondsSince1970])
    }
}
