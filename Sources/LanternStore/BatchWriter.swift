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
        seq = try NodeStore.lastSeq(db)
        insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO signals (\(SignalCodec.columns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        retracted = Set(
            states.compactMap { id, state in
                if case .retracted = state { return id }
                return nil
            })
    }

    mutating func perform(_ action: ApplyAction) throws {
        switch action {
        case .store(let index):
            // A signal decoded ahead is read in place, not copied.
            if let slot = decoded.index(of: events[index].seq) {
                try NodeStore.check(decoded.signals[slot], describes: events[index], scope: scope)
                try store(decoded.signals[slot], of: index)
            } else {
                try store(try NodeStore.signal(of: events[index], scope: scope), of: index)
            }
        case .remove(let index):
            let event = events[index]
            let removal = try NodeStore.removal(of: event)
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
            try NodeStore.retract(event.signalID, origin: origin.rawValue, revision: Int64(event.revision), seq: seq, in: db)
            retracted.insert(event.signalID)
            summary.retracted += 1
        case .skip:
            summary.skipped += 1
        }
    }

    /// Stores the signal of event `index`, replacing the older revision, if any; the removal trigger still refuses
    /// a removed id.
    private mutating func store(_ signal: Signal, of index: Int) throws {
        seq += 1
        if retracted.remove(events[index].signalID) != nil {
            try db.run(sql: "DELETE FROM retractions WHERE signal_id = ?", arguments: [events[index].signalID])
        }
        try codec.insert(signal, seq: seq, with: insert, in: db)
        summary.stored += 1
    }
}
