import Foundation
import GRDB
public import LanternCore

/// A change to the live signals, as whatever mirrors them (the matchers) must apply it.
public enum SignalChange: Sendable, Equatable {
    /// The signal is live as given (new, updated or received).
    case live(Signal)
    /// The signal is no longer held: removed, expired, or this node left its audience.
    case gone(SignalID)
}

extension SignalStore {
    /// The changes to the live signals after change `seq`, in the order they were made, at most about `limit`,
    /// and the change number to continue from. Starting from 0 gives every live signal (and `gone` for signals
    /// removed before the mirror existed, which it ignores).
    public func changes(after seq: Int64, limit: Int = 5000) throws -> (changes: [SignalChange], last: Int64) {
        try writer.read { db in
            let codec = SignalCodec()
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(SignalCodec.columns) FROM signals WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [seq, limit])
            let upTo = rows.count == limit ? rows.last.map { $0[3] as Int64 } ?? seq : try Self.lastSeq(db)
            var changes: [(seq: Int64, change: SignalChange)] = try rows.map { row in
                (row[3], .live(try codec.decode(row).signal))
            }
            for table in ["SELECT id, seq FROM removals", "SELECT signal_id, seq FROM retractions"] {
                for row in try Row.fetchAll(db, sql: table + " WHERE seq > ? AND seq <= ?", arguments: [seq, upTo]) {
                    guard let id = SignalID(row[0] as String) else { continue }
                    changes.append((row[1], .gone(id)))
                }
            }
            changes.sort { $0.seq < $1.seq }
            return (changes.map(\.change), max(seq, upTo))
        }
    }
}
