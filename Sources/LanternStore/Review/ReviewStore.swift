public import Foundation
import GRDB
public import LanternCore

/// The human review queue: matches recorded as items, claims, releases and decisions, and the flags raised on
/// signals that many reviewers judged wrong. The policy (when to flag, which reaction a decision sends) comes in
/// from `LanternCore`.
///
/// Owns `review_items`, `review_decisions` and `signal_flags`.
public struct ReviewStore: Sendable {
    let database: NodeStore
    var writer: DatabasePool { database.writer }
}

extension ReviewStore {
    /// Records matches in the review queue, in one transaction, and returns each one's review item id, in order:
    /// nil for a match of this node's own signal (nothing to review) or of a signal that has gone meanwhile. A
    /// repeat of the same item and signal counts on the existing item instead of queueing again. A signal that
    /// reaches `policy`'s threshold of distinct items within its window is flagged, and its later items are held
    /// until the flag is decided.
    public func recordMatches(_ matches: [ReviewMatch], policy: ReviewPolicy, now: Date) throws -> [Int64?] {
        guard !matches.isEmpty else { return [] }
        return try writer.write { db in
            let me = try NodeStore.participant(in: db).rawValue
            let at = now.millisecondsSince1970
            return try matches.map { match -> Int64? in
                guard let signal = try db.row(sql: "SELECT origin, type FROM signals WHERE id = ?", arguments: [match.signal.rawValue]),
                    signal["origin"] as String != me
                else { return nil }
                if let existing = try db.value(
                    Int64.self, sql: "SELECT id FROM review_items WHERE signal_id = ? AND item_key = ?",
                    arguments: [match.signal.rawValue, match.itemKey])
                {
                    try db.run(
                        sql: "UPDATE review_items SET match_count = match_count + 1, last_matched_at = ? WHERE id = ?",
                        arguments: [at, existing])
                    return existing
                }
                let flag = try db.value(String.self, sql: "SELECT status FROM signal_flags WHERE signal_id = ?", arguments: [match.signal.rawValue])
                let status: ReviewItemStatus =
                    switch flag.flatMap(FlagStatus.init(rawValue:)) {
                    case .flagged: .held
                    case .suppressed: .suppressed
                    case .cleared, .withdrawn, nil: .open
                    }
                try db.run(
                    sql: """
                        INSERT INTO review_items (signal_id, item_key, ref, item_type, item_value, signal_type, origin, reason, status,
                            match_count, first_matched_at, last_matched_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                        """,
                    arguments: [
                        match.signal.rawValue, match.itemKey, match.ref, match.itemType, match.itemValue, signal["type"] as String,
                        signal["origin"] as String, match.reason, status.rawValue, at, at,
                    ])
                let id = db.lastInsertedRowID
                if flag == nil {
                    let windowStart = at - Int64(policy.flagWindowSeconds) * 1000
                    let items =
                        try db.value(
                            Int.self, sql: "SELECT count(*) FROM review_items WHERE signal_id = ? AND first_matched_at >= ?",
                            arguments: [match.signal.rawValue, windowStart]) ?? 0
                    if policy.isUnusual(items: items) {
                        try db.run(
                            sql: """
                                INSERT INTO signal_flags (signal_id, signal_type, origin, items, flagged_at, status)
                                VALUES (?, ?, ?, ?, ?, 'flagged')
                                """,
                            arguments: [match.signal.rawValue, signal["type"] as String, signal["origin"] as String, items, at])
                    }
                }
                return id
            }
        }
    }

    /// Review items, oldest first, after the item id `after`: those in `statuses` (every status when empty) and,
    /// when given, of one signal.
    public func items(
        statuses: Set<ReviewItemStatus>, signal: String? = nil, after: Int64 = 0, limit: Int = 100
    ) throws
        -> [ReviewItemRecord]
    {
        var conditions = ["id > ?"]
        var arguments: StatementArguments = [after]
        if !statuses.isEmpty {
            conditions.append("status IN (\(statuses.map { _ in "?" }.joined(separator: ", ")))")
            for status in statuses.sorted(by: { $0.rawValue < $1.rawValue }) { _ = arguments.append(contentsOf: [status.rawValue]) }
        }
        if let signal {
            conditions.append("signal_id = ?")
            _ = arguments.append(contentsOf: [signal])
        }
        _ = arguments.append(contentsOf: [limit])
        return try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM review_items WHERE \(conditions.joined(separator: " AND ")) ORDER BY id LIMIT ?", arguments: arguments
            ).map(Self.reviewItem)
        }
    }

    /// One review item. - Throws: `ReviewError.itemNotFound`.
    public func item(_ id: Int64) throws -> ReviewItemRecord {
        try writer.read { db in try Self.reviewItem(id, in: db) }
    }

    static func reviewItem(_ id: Int64, in db: Database) throws -> ReviewItemRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM review_items WHERE id = ?", arguments: [id]) else {
            throw ReviewError.itemNotFound(id)
        }
        return try reviewItem(row)
    }

    static func reviewItem(_ row: Row) throws -> ReviewItemRecord {
        guard let status = ReviewItemStatus(rawValue: row["status"]) else { throw StoreError.corrupt("review status '\(row["status"] as String)'") }
        let date = { (column: String) -> Date? in (row[column] as Int64?).map(Date.init(milliseconds:)) }
        return ReviewItemRecord(
            id: row["id"], ref: row["ref"], itemType: row["item_type"], itemValue: row["item_value"], signalID: row["signal_id"],
            signalType: row["signal_type"], origin: row["origin"], reason: row["reason"], status: status, matchCount: row["match_count"],
            firstMatchedAt: Date(milliseconds: row["first_matched_at"]), lastMatchedAt: Date(milliseconds: row["last_matched_at"]),
            claimedBy: row["claimed_by"], claimedByName: row["claimed_by_name"], claimedAt: date("claimed_at"),
            claimedFrom: (row["claimed_from"] as String?).flatMap(ReviewItemStatus.init(rawValue:)),
            decidedByName: row["decided_by_name"], decidedAt: date("decided_at"), actions: actions(row["actions"]), note: row["note"])
    }

    static func actions(_ text: String) -> Set<ReviewAction> {
        Set(text.split(separator: ",").compactMap { ReviewAction(rawValue: String($0)) })
    }

    static func text(_ actions: Set<ReviewAction>) -> String { actions.sorted().map(\.rawValue).joined(separator: ",") }
}
