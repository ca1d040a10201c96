import Foundation
import GRDB
import LanternCore
import LanternSync

/// A batch of another origin's chain, ready to forward: the events end exactly at a head the origin signed, and
/// the origin's certificate comes with them, so the receiver verifies the origin's signature, not the relay's word.
public struct RelayBatch: Sendable {
    public var events: [ChainEvent]
    public var head: ChainHead
    public var originCertificate: String
}

extension NodeStore {
    /// Events of another origin's chain after `seq`, for a peer this node relays them to.
    ///
    /// A relay cannot sign for the origin, so a batch must end at a head the origin signed: the latest stored head
    /// within `limit` events, or, when the next head lies further, that head. Nil when nothing is held past `seq`
    /// or the origin's certificate is unknown.
    public func relayBatch(origin: ParticipantID, scope: Scope, after seq: UInt64, limit: Int = 5000) throws -> RelayBatch? {
        let found = try writer.read { db -> (head: ChainHead, certificate: String)? in
            guard
                let chain = try Row.fetchOne(
                    db, sql: "SELECT id, epoch FROM chains WHERE origin = ? AND scope = ?", arguments: [origin.rawValue, scope.description]),
                let certificate = try String.fetchOne(
                    db, sql: "SELECT certificate FROM origin_certificates WHERE participant = ?", arguments: [origin.rawValue])
            else { return nil }
            let id: Int64 = chain["id"]
            let within = try Row.fetchOne(
                db, sql: "SELECT seq, hash, signature FROM chain_heads WHERE chain = ? AND seq > ? AND seq <= ? ORDER BY seq DESC LIMIT 1",
                arguments: [id, Int64(seq), Int64(seq) + Int64(limit)])
            let beyond =
                try within
                ?? Row.fetchOne(
                    db, sql: "SELECT seq, hash, signature FROM chain_heads WHERE chain = ? AND seq > ? ORDER BY seq LIMIT 1",
                    arguments: [id, Int64(seq)])
            guard let row = beyond else { return nil }
            let head = ChainHead(
                origin: origin, scope: scope.description, epoch: chain["epoch"], seq: UInt64(max(0, row["seq"] as Int64)),
                hash: Hex.encode(row["hash"] as Data), signature: row["signature"])
            return (head, certificate)
        }
        guard let found else { return nil }
        let events = try chainEvents(origin: origin, scope: scope, after: seq, limit: Int(found.head.seq - seq))
        guard events.last?.seq == found.head.seq, events.last?.hash == found.head.hash else { return nil }
        return RelayBatch(events: events, head: found.head, originCertificate: found.certificate)
    }

    /// Keeps the certificate an origin's heads are signed with, for relaying its chains. The caller verified it
    /// against the registry and the origin.
    static func saveOriginCertificate(_ certificate: String, of origin: ParticipantID, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO origin_certificates (participant, certificate, received_at) VALUES (?, ?, ?)
                ON CONFLICT (participant) DO UPDATE SET certificate = excluded.certificate, received_at = excluded.received_at
                """,
            arguments: [origin.rawValue, certificate, Date().millisecondsSince1970])
    }
}
