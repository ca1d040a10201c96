import Foundation
import GRDB
public import LanternCore
public import LanternSync

/// What applying a batch did.
public struct ChainApplySummary: Sendable, Equatable {
    public var stored = 0
    public var removed = 0
    public var retracted = 0
    public var reactions = 0
    public var skipped = 0
    /// Events about an id their origin did not make: refused, and nothing changed.
    public var notOwner = 0
    /// Signals for the financial pool from an origin that has not opted in to it: refused.
    public var notInPool = 0
}

extension ChainStore {
    /// Applies a batch of another origin's chain that `ChainVerifier` accepted: the signals it carries, the removals
    /// and retractions, the events themselves, the signed head and the new position, all in one transaction, so a
    /// crash at any point loses or duplicates nothing and the next sync resumes from the stored position.
    ///
    /// A body that does not describe the event it belongs to (another id, origin, revision or audience) refuses
    /// the whole batch. `originCertificate`, verified by the caller, is kept so this node can relay the chain.
    /// `decoded` may hold upserts' signals decoded ahead (with `ChainBatch.decodedSignals`), so the write
    /// transaction does not parse; each is still checked against its event.
    @discardableResult
    public func applyBatch(
        origin: ParticipantID, scope: Scope, events: [ChainEvent], head: ChainHead, position: ChainPosition, newEpoch: Bool,
        originCertificate: String? = nil, removalProofs: [RemovalProof] = [], decoded: DecodedSignals = .none
    ) throws -> ChainApplySummary {
        var summary = ChainApplySummary()
        try writer.write { db in
            try Self.refuseOwnOrigin(origin, in: db)
            if case .reactions = scope {
                try ReactionStore.applyReactions(events, reactor: origin, summary: &summary, in: db)
            } else {
                let states = try Self.localStates(of: events, in: db)
                var batch = try BatchWriter(db: db, origin: origin, scope: scope, events: events, states: states, decoded: decoded)
                let upserts = try Self.mayPublish(origin: origin, in: scope, db: db)
                try batch.perform(EventApplier.plan(events, upserts: upserts, state: { states[$0] ?? .absent }))
                summary = batch.summary
            }
            let chain = try Self.recordChain(
                origin: origin, scope: scope, events: events, head: head, position: position, newEpoch: newEpoch, in: db)
            if scope.audience != nil, events.indices.contains(where: { events[$0].kind == .snapshot }) {
                summary.retracted += try Self.reconcile(origin: origin, scope: scope, chain: chain, in: db)
            }
            if let originCertificate { try Self.saveOriginCertificate(originCertificate, of: origin, in: db) }
            try Self.keep(removalProofs, chain: chain, in: db)
        }
        if summary.removed + summary.retracted > 0 { database.truncateLog() }
        return summary
    }

    /// Stores one signal of another origin received outside a chain, by the same rules as a chain's upsert: the
    /// higher revision wins, a removal is final, an id owned by another origin is left alone, and a signal claiming
    /// this node as its origin is refused. - Returns: whether it was stored.
    @discardableResult
    public func applyReceivedSignal(_ signal: Signal) throws -> Bool {
        let scope = Scope(signal.audience)
        let event = ChainEvent(
            origin: signal.origin, scope: scope, epoch: "", seq: 0, signalID: signal.id.rawValue, revision: signal.revision,
            kind: .upsert, body: SignalWire.encode(signal), previousHash: ChainEvent.genesis)
        return try writer.write { db in
            if (try? Self.refuseOwnOrigin(signal.origin, in: db)) == nil { return false }
            let states = try Self.localStates(of: [event], in: db)
            var batch = try BatchWriter(db: db, origin: signal.origin, scope: scope, events: [event], states: states, decoded: .none)
            let upserts = try Self.mayPublish(origin: signal.origin, in: scope, db: db)
            try batch.perform(EventApplier.plan([event], upserts: upserts, state: { states[$0] ?? .absent }))
            return batch.summary.stored == 1
        }
    }

    /// Whether `origin` may publish signals in `scope`, by the participant list (the registry): the financial pool
    /// takes signals only from tech participants that opted in to it.
    static func mayPublish(origin: ParticipantID, in scope: Scope, db: Database) throws -> Bool {
        guard case .financial = scope else { return true }
        return try db.value(
            Bool.self, sql: "SELECT role = 'tech' AND financial_opt_in = 1 FROM participants WHERE id = ?", arguments: [origin.rawValue]) ?? false
    }

    static func refuseOwnOrigin(_ origin: ParticipantID, in db: Database) throws {
        if try NodeStore.meta("participant", in: db) == origin.rawValue {
            throw ChainBatchError("Events claiming this node as their origin are not accepted from anyone else.")
        }
    }

    /// The position this node holds in another origin's chain, if any.
    public func position(origin: ParticipantID, scope: Scope) throws -> ChainPosition? {
        try positions().first { $0.origin == origin && $0.scope == scope }?.position
    }

    /// What this node holds of each event's signal, where it holds anything. An id that comes twice in a batch is
    /// looked up twice, which finds the same: cheaper than gathering the ids first.
    static func localStates(of events: [ChainEvent], in db: Database) throws -> [String: LocalSignalState] {
        // One statement per id: the live row, else the tombstone, else the retraction.
        let lookup = try db.cachedStatement(
            sql: """
                SELECT 0, origin, revision FROM signals WHERE id = ?1
                UNION ALL SELECT 1, '', 0 FROM removals WHERE id = ?1
                UNION ALL SELECT 2, origin, revision FROM retractions WHERE signal_id = ?1
                LIMIT 1
                """)
        var states: [String: LocalSignalState] = [:]
        // Read through SQLite directly, and the events through a buffer pointer (an array's subscript copies the
        // event it returns): this runs once per received event.
        try events.withUnsafeBufferPointer { events in
            for index in events.indices {
                var query = DirectBinding(lookup, in: db)
                defer { query.reset() }
                query.bind(events[index].signalID)
                guard try query.step() else { continue }
                let (kind, origin, revision) = (query.int64(at: 0), ParticipantID(query.text(at: 1)), UInt64(max(0, query.int64(at: 2))))
                switch kind {
                case 0: if let origin { states[events[index].signalID] = .live(origin: origin, revision: revision) }
                case 1: states[events[index].signalID] = .removed
                default: if let origin { states[events[index].signalID] = .retracted(origin: origin, revision: revision) }
                }
            }
        }
        return states
    }

    /// The signal an upsert carries, decoded from its body and checked against the event and the scope it came in.
    static func signal(of event: ChainEvent, scope: Scope) throws -> Signal {
        guard let body = event.body else { throw ChainBatchError("Event \(event.seq) has no body to store.") }
        let signal: Signal
        do { signal = try SignalWire.decode(body) } catch { throw ChainBatchError("Event \(event.seq): \(error)") }
        try check(signal, describes: event, scope: scope)
        return signal
    }

    /// Refuses a signal that is not the one its event names, or not of the scope it came in.
    static func check(_ signal: Signal, describes event: ChainEvent, scope: Scope) throws {
        guard signal.id.rawValue == event.signalID, signal.origin == event.origin, signal.revision == event.revision,
            Scope(signal.audience) == scope
        else { throw ChainBatchError("The body of event \(event.seq) does not describe the event (id, origin, revision or audience).") }
    }

    /// The removal record a remove event carries.
    static func removal(of event: ChainEvent) throws -> (type: SignalType, removedAt: Date, reason: RemovalReason) {
        struct Body: Decodable {
            var type: String
            var removed_at: Int64
            var reason: String
        }
        guard let data = event.body, let body = try? JSONDecoder().decode(Body.self, from: data),
            let type = SignalType(rawValue: body.type), let reason = RemovalReason(rawValue: body.reason)
        else { throw ChainBatchError("The removal in event \(event.seq) cannot be read.") }
        guard let removedAt = Timestamp.date(milliseconds: body.removed_at) else {
            throw ChainBatchError("The removal in event \(event.seq) has a date outside the years 1 to 9999.")
        }
        return (type, removedAt, reason)
    }

    /// At a snapshot marker: drops this origin's signals in `scope` that no upsert of the chain's current epoch
    /// mentions. They are signals the origin no longer knows (it restored from a backup older than them); the
    /// revision is kept as a retraction, so no stale copy can bring them back. - Returns: how many were dropped.
    static func reconcile(origin: ParticipantID, scope: Scope, chain: Int64, in db: Database) throws -> Int {
        var dropped = try drop(origin: origin, scope: scope, keepingChain: chain, in: db)
        // The origin published everything live before the marker, so its chains still on an older epoch hold
        // nothing it still knows: they go, with their signals.
        let epoch = try db.value(String.self, sql: "SELECT epoch FROM chains WHERE id = ?", arguments: [chain]) ?? ""
        for row in try Row.fetchAll(db, sql: "SELECT id, scope FROM chains WHERE origin = ? AND epoch < ?", arguments: [origin.rawValue, epoch]) {
            guard let older = Scope(row["scope"] as String), older.audience != nil else { continue }
            dropped += try drop(origin: origin, scope: older, keepingChain: nil, in: db)
            let id: Int64 = row["id"]
            for table in ["chain_events", "chain_heads"] { try db.run(sql: "DELETE FROM \(table) WHERE chain = ?", arguments: [id]) }
            try db.run(sql: "DELETE FROM chains WHERE id = ?", arguments: [id])
        }
        return dropped
    }

    /// Drops `origin`'s signals in `scope`, but those an upsert of `chain` mentions, keeping their revisions.
    static func drop(origin: ParticipantID, scope: Scope, keepingChain chain: Int64?, in db: Database) throws -> Int {
        let stale = try Row.fetchAll(
            db,
            sql: """
                SELECT id, revision FROM signals WHERE origin = ? AND audience = ?
                AND id NOT IN (SELECT signal_id FROM chain_events WHERE chain = ? AND kind = 'upsert')
                """,
            arguments: [origin.rawValue, scope.description, chain ?? -1])
        var seq = try SignalStore.lastSeq(db)
        for row in stale {
            let id: String = row["id"]
            seq += 1
            try db.run(sql: "DELETE FROM signals WHERE id = ?", arguments: [id])
            try retract(id, origin: origin.rawValue, revision: row["revision"], seq: seq, in: db)
        }
        return stale.count
    }

    /// Remembers that this node left a signal's audience at `revision` (an older copy cannot come back), as change
    /// `seq`.
    static func retract(_ id: String, origin: String, revision: Int64, seq: Int64, in db: Database) throws {
        try db.run(
            sql: """
                INSERT INTO retractions (signal_id, origin, revision, seq) VALUES (?, ?, ?, ?)
                ON CONFLICT (signal_id) DO UPDATE SET revision = max(revision, excluded.revision), seq = excluded.seq
                """,
            arguments: [id, origin, revision, seq])
    }

    @discardableResult
    static func recordChain(
        origin: ParticipantID, scope: Scope, events: [ChainEvent], head: ChainHead, position: ChainPosition, newEpoch: Bool, in db: Database
    ) throws -> Int64 {
        let id: Int64
        if let existing = try db.value(
            Int64.self, sql: "SELECT id FROM chains WHERE origin = ? AND scope = ?", arguments: [origin.rawValue, scope.description])
        {
            id = existing
            if newEpoch {
                try db.run(sql: "DELETE FROM chain_events WHERE chain = ?", arguments: [id])
                try db.run(sql: "DELETE FROM chain_heads WHERE chain = ?", arguments: [id])
            }
        } else {
            try db.run(
                sql: "INSERT INTO chains (origin, scope, epoch, seq, hash) VALUES (?, ?, ?, 0, ?)",
                arguments: [origin.rawValue, scope.description, position.epoch, ChainEvent.genesis.data])
            id = db.lastInsertedRowID
        }
        let insert = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO chain_events (chain, seq, signal_id, revision, kind, body_digest, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        )
        // Through a buffer pointer, reading fields in place: a `for event in events` loop, or an array's subscript,
        // copies (and releases) every event.
        try events.withUnsafeBufferPointer { events in
            for index in events.indices {
                var row = DirectBinding(insert, in: db)
                row.bind(id)
                row.bind(Int64(events[index].seq))
                row.bind(events[index].signalID)
                row.bind(Int64(events[index].revision))
                row.bind(events[index].kind.rawValue)
                row.bind(events[index].bodyDigest)
                row.bind(events[index].kind == .remove ? events[index].body : nil)
                row.bind(events[index].hash)
                try row.run()
            }
        }
        try db.run(
            sql: "INSERT OR REPLACE INTO chain_heads (chain, seq, hash, signature) VALUES (?, ?, ?, ?)",
            arguments: [id, Int64(head.seq), head.hash.data, head.signature])
        try db.run(
            sql: "UPDATE chains SET epoch = ?, seq = ?, hash = ? WHERE id = ?",
            arguments: [position.epoch, Int64(position.seq), position.hash.data, id])
        return id
    }
}

/// A batch whose content contradicts its own events; nothing of it is applied.
public struct ChainBatchError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
