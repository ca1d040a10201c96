public import Foundation
import GRDB
public import LanternCore
public import LanternSync

extension FederationStore {
    /// Records where `peer` says it stands in chains this node holds (its acknowledgement of what it received).
    /// Positions for chains this node does not hold are ignored.
    public func recordAcknowledgements(_ positions: [ChainListMessage.Entry], from peer: ParticipantID, now: Date = Date()) throws {
        try writer.write { db in
            for entry in positions {
                guard
                    let chain = try db.value(
                        Int64.self, sql: "SELECT id FROM chains WHERE origin = ? AND scope = ?", arguments: [entry.origin.rawValue, entry.scope])
                else { continue }
                try db.run(
                    sql: """
                        INSERT INTO peer_acks (peer, chain, epoch, seq, at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (peer, chain) DO UPDATE SET epoch = excluded.epoch, seq = excluded.seq, at = excluded.at
                        """,
                    arguments: [peer.rawValue, chain, entry.epoch, Int64(clamping: entry.seq), now.millisecondsSince1970])
            }
        }
    }

    /// Where each peer last said it stands in this node's own chains, by peer and scope.
    public func acknowledgements() throws -> [ParticipantID: [Scope: ChainPosition]] {
        try writer.read { db in
            var acks: [ParticipantID: [Scope: ChainPosition]] = [:]
            let me = try NodeStore.participant(in: db)
            for row in try Row.fetchAll(
                db,
                sql: "SELECT a.peer, c.scope, a.epoch, a.seq FROM peer_acks a JOIN chains c ON c.id = a.chain WHERE c.origin = ?",
                arguments: [me.rawValue])
            {
                guard let peer = ParticipantID(row[0] as String), let scope = Scope(row[1] as String) else { continue }
                acks[peer, default: [:]][scope] = ChainPosition(epoch: row[2], seq: UInt64(max(0, row[3] as Int64)), hash: .zero)
            }
            return acks
        }
    }

    /// This node's own signal chains: head, events and live signals, for the compaction policy.
    public func ownChainStatuses() throws -> [OwnChainStatus] {
        try writer.read { db in
            let me = try NodeStore.participant(in: db)
            let live = Dictionary(
                try Row.fetchAll(db, sql: "SELECT scope, count(*) FROM chain_signals GROUP BY scope").map { ($0[0] as String, $0[1] as Int) },
                uniquingKeysWith: +)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT c.scope, c.epoch, c.seq, c.hash, (SELECT count(*) FROM chain_events e WHERE e.chain = c.id AND e.kind != 'snapshot')
                    FROM chains c WHERE c.origin = ? ORDER BY c.scope
                    """,
                arguments: [me.rawValue]
            ).compactMap { row in
                guard let scope = Scope(row[0] as String), scope.audience != nil else { return nil }
                let head = ChainPosition(epoch: row[1], seq: UInt64(max(0, row[2] as Int64)), hash: try ChainDigest.stored(row[3]))
                return OwnChainStatus(scope: scope, head: head, events: row[4], live: live[scope.description] ?? 0)
            }
        }
    }
}
