import Foundation
import GRDB
import LanternCore
import LanternSync

/// Appends this node's own events to its chains inside one write transaction, keeping chain positions in memory
/// until `finish`, so a batch of thousands of signals reads and writes each chain's position once.
struct ChainAppender {
    let db: Database
    let origin: ParticipantID
    let epoch: String
    private var chains: [String: (id: Int64, position: ChainPosition)] = [:]
    private let insert: Statement

    init(db: Database) throws {
        self.db = db
        guard let participant = try String.fetchOne(db, sql: "SELECT value FROM node_meta WHERE key = 'participant'").flatMap(ParticipantID.init)
        else { throw StoreError.notInitialized }
        origin = participant
        epoch = try String.fetchOne(db, sql: "SELECT value FROM node_meta WHERE key = 'epoch'") ?? "0"
        insert = try db.cachedStatement(
            sql: "INSERT INTO chain_events (chain, seq, signal_id, revision, kind, body_digest, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    }

    /// Appends an upsert of `signal` to the chain of its audience.
    mutating func upsert(_ signal: Signal) throws {
        let body = SignalWire.encode(signal)
        try upsert(signal, body: body, bodyDigest: ChainEvent.digest(body))
    }

    /// Appends an upsert whose body and digest were worked out beforehand.
    mutating func upsert(_ signal: Signal, body: Data, bodyDigest: String) throws {
        try append(.upsert, signalID: signal.id, revision: signal.revision, scope: Scope(signal.audience), digest: bodyDigest, keptBody: nil)
    }

    /// Appends the removal of a signal; the removal record (type, date, reason) is its body and is kept.
    mutating func remove(_ record: RemovalRecord, audience: Audience) throws {
        let body = RemovalWire(record).encoded
        try append(.remove, signalID: record.id, revision: record.revision, scope: Scope(audience), digest: ChainEvent.digest(body), keptBody: body)
    }

    /// Appends the retraction of a signal from the chain of its former audience.
    mutating func retract(_ id: SignalID, revision: UInt64, from audience: Audience) throws {
        try append(.retract, signalID: id, revision: revision, scope: Scope(audience), digest: ChainEvent.digest(Data()), keptBody: nil)
    }

    private mutating func append(
        _ kind: ChainEvent.Kind, signalID: SignalID, revision: UInt64, scope: Scope, digest: String, keptBody: Data?
    ) throws {
        let name = scope.description
        let chain = try chains[name] ?? open(scope: name)
        let event = ChainEvent(
            origin: origin, scope: scope, epoch: epoch, seq: chain.position.seq + 1, signalID: signalID.rawValue, revision: revision,
            kind: kind, bodyDigest: digest, previousHash: chain.position.hash)
        try insert.execute(arguments: [
            chain.id, Int64(event.seq), event.signalID, Int64(revision), kind.rawValue, HexBytes.data(digest), keptBody,
            HexBytes.data(event.hash),
        ])
        chains[name] = (chain.id, ChainPosition(epoch: epoch, seq: event.seq, hash: event.hash))
    }

    /// This node's chain for `scope`, created if new, or restarted if it belongs to an earlier epoch.
    private func open(scope: String) throws -> (id: Int64, position: ChainPosition) {
        let start = ChainPosition(epoch: epoch, seq: 0, hash: ChainEvent.genesis)
        if let row = try Row.fetchOne(
            db, sql: "SELECT id, epoch, seq, hash FROM chains WHERE origin = ? AND scope = ?", arguments: [origin.rawValue, scope])
        {
            let id: Int64 = row["id"]
            guard row["epoch"] as String == epoch else {
                try db.execute(sql: "DELETE FROM chain_events WHERE chain = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM chain_heads WHERE chain = ?", arguments: [id])
                return (id, start)
            }
            return (id, ChainPosition(epoch: epoch, seq: UInt64(max(0, row["seq"] as Int64)), hash: HexBytes.hex(row["hash"])))
        }
        try db.execute(
            sql: "INSERT INTO chains (origin, scope, epoch, seq, hash) VALUES (?, ?, ?, 0, ?)",
            arguments: [origin.rawValue, scope, epoch, HexBytes.data(ChainEvent.genesis)])
        return (db.lastInsertedRowID, start)
    }

    /// Writes the chains' new positions.
    func finish() throws {
        for (_, chain) in chains {
            try db.execute(
                sql: "UPDATE chains SET epoch = ?, seq = ?, hash = ? WHERE id = ?",
                arguments: [chain.position.epoch, Int64(chain.position.seq), HexBytes.data(chain.position.hash), chain.id])
        }
    }
}

/// Hashes travel as hex and are stored as 32-byte blobs.
enum HexBytes {
    static func data(_ hex: String) -> Data {
        var bytes = [UInt8]()
        bytes.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for c in hex.utf8 {
            let v: UInt8 = c >= 0x61 ? c - 0x61 + 10 : (c >= 0x41 ? c - 0x41 + 10 : c &- 0x30)
            if let h = high {
                bytes.append(h << 4 | (v & 0x0F))
                high = nil
            } else {
                high = v
            }
        }
        return Data(bytes)
    }

    static func hex(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(data.count * 2)
        for byte in data {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The body of a removal event: what remains of a signal, and nothing else.
public struct RemovalWire: Codable, Sendable, Equatable {
    public var type: String
    public var removedAt: Int64
    public var reason: String

    enum CodingKeys: String, CodingKey {
        case type, reason
        case removedAt = "removed_at"
    }

    init(_ record: RemovalRecord) {
        type = record.type.rawValue
        removedAt = Int64((record.removedAt.timeIntervalSince1970 * 1000).rounded())
        reason = record.reason.rawValue
    }

    var encoded: Data {
        // Fixed key order, so the bytes are canonical.
        Data(#"{"reason":"\#(reason)","removed_at":\#(removedAt),"type":"\#(type)"}"#.utf8)
    }
}
