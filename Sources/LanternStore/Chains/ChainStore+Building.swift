import Foundation
import GRDB
public import LanternCore
public import LanternSync

extension ChainStore {
    /// Publishes this node's own changes to its chains: the chain builder.
    ///
    /// Chains are derived from the change sequence, not written with each change, so imports keep their speed.
    /// Each call takes up to `limit` changes after the builder's cursor, appends their events and moves the
    /// cursor, all in one transaction, so a crash at any point resumes where it stopped. A signal changed several
    /// times between calls is published once, at its latest revision; one created and removed between calls is
    /// never published at all. Changes to other origins' signals (received ones) are passed over, and the cursor
    /// moves past them too, so a node holding many received signals never reads them again. One transaction looks
    /// at most `10 × limit` changes; a call goes on, transaction after transaction, until it has published `limit`
    /// of this node's changes or reached the end of the log.
    /// - Returns: how many of this node's changes were published.
    @discardableResult
    public func build(limit: Int = 5000) throws -> Int {
        var total = 0
        while true {
            let round = try buildChainsRound(limit: limit)
            total += round.published
            if !round.more || round.published >= limit { return total }
        }
    }

    /// One transaction of `buildChains`. - Returns: what it published, and whether changes after it are left to look at.
    func buildChainsRound(limit: Int) throws -> (published: Int, more: Bool) {
        try writer.write { db in
            let cursor = Int64(try NodeStore.meta("chained_seq", in: db) ?? "0") ?? 0
            var chains = try ChainWriter(db: db)
            let me = chains.origin.rawValue
            let lookAt = min(max(limit, 1), Int.max / 10) * 10
            // The change log after the cursor, read through SQLite directly: after a full sync it is mostly other
            // origins' signals, passed over here once.
            var query = DirectBinding(
                try db.cachedStatement(
                    sql: """
                        SELECT seq, id, 0, origin = ?3 FROM signals WHERE seq > ?1
                        UNION ALL SELECT seq, id, 1, origin = ?3 FROM removals WHERE seq > ?1
                        ORDER BY seq LIMIT ?2
                        """), in: db)
            defer { query.reset() }
            query.bind(cursor)
            query.bind(Int64(lookAt))
            query.bind(me)
            var changes: [(id: String, removed: Bool)] = []
            var last = cursor
            var lookedAt = 0
            var lookedAtAll = true
            while try query.step() {
                lookedAt += 1
                guard query.int64(at: 3) == 1 else {
                    last = query.int64(at: 0)
                    continue
                }
                guard changes.count < limit else {
                    lookedAtAll = false
                    break
                }
                last = query.int64(at: 0)
                changes.append((query.text(at: 1), query.int64(at: 2) == 1))
            }
            if lookedAt == lookAt { lookedAtAll = false }
            for (id, removed) in changes {
                let published = try db.row(sql: "SELECT scope, revision FROM chain_signals WHERE signal_id = ?", arguments: [id])
                    .flatMap { Scope($0["scope"] as String) }
                if removed {
                    guard let published, let row = try db.row(sql: "SELECT * FROM removals WHERE id = ?", arguments: [id]) else { continue }
                    try chains.remove(try SignalStore.decodeRemoval(row), scope: published)
                    try db.run(sql: "DELETE FROM chain_signals WHERE signal_id = ?", arguments: [id])
                } else {
                    guard let row = try db.row(sql: "SELECT \(SignalCodec.columns) FROM signals WHERE id = ?", arguments: [id]),
                        let scope = Scope(row["audience"] as String)
                    else { continue }
                    let revision = UInt64(max(0, row["revision"] as Int64))
                    if let published, published != scope {
                        try chains.retract(id, revision: revision, scope: published)
                    }
                    try chains.upsert(id, revision: revision, scope: scope, digest: ChainEvent.digest(SignalCodec.wireBody(row)))
                    try db.run(
                        sql: """
                            INSERT INTO chain_signals (signal_id, scope, revision) VALUES (?, ?, ?)
                            ON CONFLICT (signal_id) DO UPDATE SET scope = excluded.scope, revision = excluded.revision
                            """,
                        arguments: [id, scope.description, Int64(revision)])
                }
            }
            let reactions = try Self.publishReactions(limit: limit, chains: &chains, in: db)
            let snapshots = lookedAtAll ? try Self.publishSnapshots(chains: &chains, in: db) : 0
            try chains.finish()
            try db.run(sql: "UPDATE node_meta SET value = ? WHERE key = 'chained_seq'", arguments: [String(last)])
            return (changes.count + reactions + snapshots, !lookedAtAll)
        }
    }

    /// Once every change of an epoch's start has been published, marks each of this node's signal chains (any
    /// epoch's) with a snapshot event, once per epoch. - Returns: how many markers were appended.
    static func publishSnapshots(chains: inout ChainWriter, in db: Database) throws -> Int {
        guard try NodeStore.meta("snapshot_epoch", in: db) != chains.epoch else { return 0 }
        let scopes = try String.fetchAll(db, sql: "SELECT scope FROM chains WHERE origin = ? ORDER BY scope", arguments: [chains.origin.rawValue])
            .compactMap(Scope.init).filter { $0.audience != nil }
        for scope in scopes { try chains.snapshot(scope) }
        try NodeStore.setMeta("snapshot_epoch", chains.epoch, in: db)
        return scopes.count
    }

    /// Appends this node's reaction changes after the builder's reaction cursor to the reactions chains of the
    /// signals' origins, and moves the cursor. - Returns: how many were published.
    static func publishReactions(limit: Int, chains: inout ChainWriter, in db: Database) throws -> Int {
        let cursor = Int64(try NodeStore.meta("reacted_seq", in: db) ?? "0") ?? 0
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM reactions WHERE reactor = ? AND seq > ? ORDER BY seq LIMIT ?",
            arguments: [chains.origin.rawValue, cursor, limit])
        for row in rows {
            guard let reaction = ReactionStore.reaction(row), let target = ParticipantID(row["origin"] as String) else { continue }
            try chains.react(reaction, to: target)
        }
        guard let last = rows.last else { return 0 }
        try NodeStore.setMeta("reacted_seq", String(last["seq"] as Int64), in: db)
        return rows.count
    }

    /// How many of this node's own changes the chain builder has not published yet: its backlog.
    public func unpublishedChanges() throws -> Int {
        try writer.read { db in
            let cursor = Int64(try NodeStore.meta("chained_seq", in: db) ?? "0") ?? 0
            let me = try NodeStore.meta("participant", in: db) ?? ""
            return try db.value(
                Int.self,
                sql: """
                    SELECT (SELECT count(*) FROM signals WHERE seq > ? AND origin = ?) + (SELECT count(*) FROM removals WHERE seq > ? AND origin = ?)
                    """,
                arguments: [cursor, me, cursor, me]) ?? 0
        }
    }

    /// The chains this node holds and its position in each.
    public func positions() throws -> [(origin: ParticipantID, scope: Scope, position: ChainPosition)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT origin, scope, epoch, seq, hash FROM chains ORDER BY origin, scope").compactMap { row in
                guard let origin = ParticipantID(row["origin"]), let scope = Scope(row["scope"] as String) else { return nil }
                return (
                    origin, scope,
                    ChainPosition(epoch: row["epoch"], seq: UInt64(max(0, row["seq"] as Int64)), hash: try ChainDigest.stored(row["hash"]))
                )
            }
        }
    }

    /// Events of one chain after `seq`, with their bodies where this node still holds them: an upsert's body is
    /// rebuilt from the live signal at that revision, and is absent (purged) once the signal changed or went.
    public func events(origin: ParticipantID, scope: Scope, after seq: UInt64, limit: Int = 5000) throws -> [ChainEvent] {
        try writer.read { db in
            guard
                let chain = try db.row(
                    sql: "SELECT id, epoch FROM chains WHERE origin = ? AND scope = ?", arguments: [origin.rawValue, scope.description])
            else { return [] }
            let id: Int64 = chain["id"]
            var previous = ChainEvent.genesis
            if seq > 0,
                let hash = try db.value(Data.self, sql: "SELECT hash FROM chain_events WHERE chain = ? AND seq = ?", arguments: [id, Int64(seq)])
            {
                previous = try ChainDigest.stored(hash)
            }
            let epoch: String = chain["epoch"]
            // One pass over the chain joined to the live signals: an upsert's body is written from its signal's
            // row when the row is still at the event's revision. Columns are read in place, through SQLite: a full
            // sync serves every event this way, and GRDB's rows and the strings they make cost more than the rest.
            let rows = try db.cachedStatement(
                sql: """
                    SELECT e.seq, e.signal_id, e.revision, e.kind, e.body_digest, e.body, e.hash, \(SignalCodec.columns(prefix: "s."))
                    FROM chain_events e LEFT JOIN signals s ON e.kind = 'upsert' AND s.id = e.signal_id AND s.revision = e.revision
                    WHERE e.chain = ? AND e.seq > ? ORDER BY e.seq LIMIT ?
                    """)
            var query = DirectBinding(rows, in: db)
            // Whatever ends the loop (a corrupt row, a failed read), the statement is reset, so this reader's
            // transaction does not stay open behind it.
            defer { query.reset() }
            query.bind(id)
            query.bind(Int64(seq))
            query.bind(Int64(limit))
            var events: [ChainEvent] = []
            events.reserveCapacity(limit)
            var body: [UInt8] = []
            let scopeName = scope.description
            while try query.step() {
                guard let kind = ChainEvent.Kind(rawValue: query.text(at: 3)) else { throw StoreError.corrupt("chain event kind") }
                let signalID = query.text(at: 1)
                let revision = UInt64(max(0, query.int64(at: 2)))
                guard let digest = ChainDigest(bytes: query.bytes(at: 4)), let hash = ChainDigest(bytes: query.bytes(at: 6)) else {
                    throw StoreError.corrupt("a stored hash is not 32 bytes")
                }
                var event = ChainEvent(
                    origin: origin, scope: scopeName, epoch: epoch, seq: UInt64(max(0, query.int64(at: 0))), signalID: signalID,
                    revision: revision, kind: kind, bodyDigest: digest, body: nil, previousHash: previous, hash: hash)
                switch kind {
                case .remove: event.body = query.isNull(at: 5) ? nil : Data(query.bytes(at: 5))
                case .retract, .snapshot: break
                case .upsert:
                    if case .reactions = scope {
                        event.body = try ReactionStore.reactionBody(signalID: signalID, reactor: origin, revision: revision, in: db)
                    } else if !query.isNull(at: 7) {
                        body.removeAll(keepingCapacity: true)
                        SignalCodec.appendWireBody(of: query, from: 7, to: &body)
                        // A body that no longer matches what the chain committed to is served as purged.
                        if body.withUnsafeBytes({ ChainDigest.of($0) }) == digest { event.body = Data(body) }
                    }
                }
                previous = event.hash
                events.append(event)
            }
            return events
        }
    }
}
