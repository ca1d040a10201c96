public import Foundation
import GRDB
public import LanternCore

extension SignalStore {
    /// The week a time in milliseconds falls in, counted in Mondays since the epoch (which fell on a Thursday);
    /// `weekSQL` is the same in SQL, and `weekStart` the week's first millisecond.
    static func week(_ milliseconds: Int64) -> Int64 { (milliseconds / 86_400_000 + 3) / 7 }
    static func weekSQL(_ column: String) -> String { "((\(column) / 86400000 + 3) / 7)" }
    static func weekStart(_ week: Int64) -> Int64 { (week * 7 - 3) * 86_400_000 }

    /// What the dashboard shows of the signals: live ones by type, origin and audience, and the last `weeks` weeks
    /// of additions and removals. Each is one scan: `docs/performance.md` says what that costs at a million.
    public func figures(now: Date, weeks: Int = 12) throws -> SignalFigures {
        let thisWeek = Self.week(now.millisecondsSince1970)
        let firstWeek = thisWeek - Int64(weeks - 1)
        let since = Self.weekStart(firstWeek)
        return try writer.read { db in
            let tallies = try Row.fetchAll(
                db,
                sql: """
                    SELECT type, origin, CASE WHEN audience LIKE 'allow:%' THEN 'allowlist' ELSE audience END AS kind, count(*) AS n
                    FROM signals WHERE expires_at > ? GROUP BY type, origin, kind
                    """, arguments: [now.millisecondsSince1970]
            ).compactMap { row -> SignalFigures.Tally? in
                guard let type = SignalType(rawValue: row["type"]), let origin = ParticipantID(row["origin"]) else { return nil }
                return SignalFigures.Tally(type: type, origin: origin, audience: row["kind"], count: row["n"])
            }
            var added: [Int64: Int] = [:]
            var removed: [Int64: Int] = [:]
            let addedSQL = "SELECT \(Self.weekSQL("created_at")) AS w, count(*) AS n FROM signals WHERE created_at >= ? GROUP BY w"
            for row in try Row.fetchAll(db, sql: addedSQL, arguments: [since]) { added[row["w"]] = row["n"] }
            let removedSQL = "SELECT \(Self.weekSQL("removed_at")) AS w, count(*) AS n FROM removals WHERE removed_at >= ? GROUP BY w"
            for row in try Row.fetchAll(db, sql: removedSQL, arguments: [since]) { removed[row["w"]] = row["n"] }
            let weeks = (firstWeek...thisWeek).map { index in
                SignalFigures.Week(
                    start: Date(timeIntervalSince1970: Double(Self.weekStart(index)) / 1000), added: added[index] ?? 0,
                    removed: removed[index] ?? 0)
            }
            return SignalFigures(tallies: tallies, weeks: weeks)
        }
    }
}
