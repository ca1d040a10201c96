import Foundation
import GRDB
import LanternCore
import LanternSync

/// Carries out `EventApplier`'s actions for one received batch inside its write transaction.
struct BatchWriter {
    let db: Database
    let origin: ParticipantID
    let scope: Scope
    /// The batch's events, which the actions name by index.
    let events: [ChainEvent]
    /// Upserts' signals decoded ahead; the others are decoded here.
    let decoded: DecodedSignals
    let codec = SignalCodec()
    var seq: Int64
    var summary = ChainApplySummary()
    /// Signals with a retraction row now: a store or a removal deletes the row only where there is one.
    var retracted: Set<String>
    let insert: Statement

    init(
        db: Database, origin: ParticipantID, scope: Scope, events: [ChainEvent], states: [String: LocalSignalState], decoded: DecodedSignals
    ) throws {
        self.db = db
        self.origin = origin
        self.scope = scope
        self.events = events
        self.decoded = decoded
        seq = try SignalStore.lastSeq(db)
        insert = try db.cachedStatement(sql: SignalCodec.insertSQL(guarded: false))
        retracted = Set(
            states.compactMap { id, state in
                if case .retracted = state { return id }
                return nil
            })
    }

    /// Carries out the batch's actions in order.
    mutating func perform(_ actions: [ApplyAction]) throws {
        // Events and decoded signals are read through buffer pointers: an array's subscript copies the element it
        // returns (a dozen retains and releases for a signal), and a full sync reads millions of them.
        let (events, signals) = (self.events, decoded.signals)
        try events.withUnsafeBufferPointer { events in
            try signals.withUnsafeBufferPointer { signals in
                for action in actions { try perform(action, events: events, signals: signals) }
            }
        }
    }

    private mutating func perform(
        _ action: ApplyAction, events: UnsafeBufferPointer<ChainEvent>, signals: UnsafeBufferPointer<Signal>
    ) throws {
        switch action {
        case .store(let index):
            let slot = decoded.index(of: events[index].seq)
            if let slot { try ChainStore.check(signals[slot], describes: events[index], scope: scope) }
            seq += 1
            if !retracted.isEmpty, retracted.remove(events[index].signalID) != nil {
                try db.run(sql: "DELETE FROM retractions WHERE signal_id = ?", arguments: [events[index].signalID])
            }
            // Replaces the older revision, if any (a removed id never gets here: the plan skips it). A signal decoded
            // ahead is passed in place: nothing that could change it runs during the call, so it is not copied.
            if let slot {
                try codec.insert(signals[slot], seq: seq, with: insert, in: db)
            } else {
                try insertDecoding(events[index])
            }
            summary.stored += 1
        case .remove(let index):
            let event = events[index]
            let removal = try ChainStore.removal(of: event)
            seq += 1
            try db.run(sql: "DELETE FROM signals WHERE id = ?", arguments: [event.signalID])
            if retracted.remove(event.signalID) != nil {
                try db.run(sql: "DELETE FROM retractions WHERE signal_id = ?", arguments: [event.signalID])
            }
            try db.run(
                sql: "INSERT OR IGNORE INTO removals (id, origin, revision, seq, type, removed_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    event.signalID, origin.rawValue, Int64(event.revision), seq, removal.type.rawValue,
                    removal.removedAt.millisecondsSince1970, removal.reason.rawValue,
                ])
            summary.removed += 1
        case .retract(let index):
            let event = events[index]
            seq += 1
            try db.run(sql: "DELETE FROM signals WHERE id = ?", arguments: [event.signalID])
            try ChainStore.retract(event.signalID, origin: origin.rawValue, revision: Int64(event.revision), seq: seq, in: db)
            retracted.insert(event.signalID)
            summary.retracted += 1
        case .skip(_, reason: .notOwner):
            summary.notOwner += 1
        case .skip(_, reason: .notInPool):
            summary.notInPool += 1
        case .skip:
            summary.skipped += 1
        }
    }

    /// Decodes an upsert's body and stores its signal: for bodies not decoded ahead. Apart, so that the call with a
    /// signal decoded ahead passes it in place (merged into one call, both took a copy of it).
    @inline(never)
    private func insertDecoding(_ event: ChainEvent) throws {
        try codec.insert(try ChainStore.signal(of: event, scope: scope), seq: seq, with: insert, in: db)
    }
}
