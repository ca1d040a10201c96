public import Foundation
import GRDB
public import LanternCore

extension ReviewStore {
    /// Claims a review item for `reviewer`. - Throws: `ReviewError` when it is not claimable by them.
    public func claim(_ id: Int64, by reviewer: Reviewer, now: Date) throws -> ReviewItemRecord {
        let scope = AuditScope.current
        return try writer.write { db in
            let item = try Self.reviewItem(id, in: db)
            let next = try item.state.claim(by: reviewer)
            if next != item.state {
                try db.run(
                    sql: "UPDATE review_items SET status = ?, claimed_by = ?, claimed_by_name = ?, claimed_at = ?, claimed_from = ? WHERE id = ?",
                    arguments: [
                        next.status.rawValue, next.claimedBy, next.claimedByName, now.millisecondsSince1970, next.claimedFrom?.rawValue, id,
                    ])
            }
            if let scope { try AuditStore.append(scope.entry(.reviewClaim, targets: [String(id), item.signalID]), now: now, in: db) }
            return try Self.reviewItem(id, in: db)
        }
    }

    /// Gives up the claim on a review item: its holder, or an administrator.
    public func release(_ id: Int64, by reviewer: Reviewer) throws -> ReviewItemRecord {
        let scope = AuditScope.current
        return try writer.write { db in
            let item = try Self.reviewItem(id, in: db)
            let next = try item.state.release(by: reviewer)
            try db.run(
                sql: """
                    UPDATE review_items SET status = ?, claimed_by = NULL, claimed_by_name = NULL, claimed_at = NULL, claimed_from = NULL
                    WHERE id = ?
                    """,
                arguments: [next.status.rawValue, id])
            if let scope { try AuditStore.append(scope.entry(.reviewRelease, targets: [String(id), item.signalID]), now: Date(), in: db) }
            return try Self.reviewItem(id, in: db)
        }
    }

    /// Decides a review item, records the decision in its history and, in the same transaction, brings this node's
    /// reactions to the signal up to date with `input.reactions` (`ReviewPolicy.reactions`), which the chain
    /// builder then sends to its origin.
    /// The caller checked that this node may react to the signal.
    public func decide(_ id: Int64, _ input: ReviewDecisionInput, by reviewer: Reviewer, now: Date) throws -> ReviewItemRecord {
        defer { if !input.reactions.isEmpty { database.localChangeCommitted() } }
        let scope = AuditScope.current
        return try writer.write { db in
            let item = try Self.reviewItem(id, in: db)
            let next = try item.state.decide(input.decision, actions: input.actions, by: reviewer)
            let at = now.millisecondsSince1970
            try db.run(
                sql: """
                    UPDATE review_items SET status = ?, claimed_by = NULL, claimed_by_name = NULL, claimed_at = NULL, claimed_from = NULL,
                        decided_by_name = ?, decided_at = ?, actions = ?, note = ?
                    WHERE id = ?
                    """,
                arguments: [next.status.rawValue, reviewer.name, at, Self.text(input.actions), input.note, id])
            try db.run(
                sql: """
                    INSERT INTO review_decisions (item_id, decision, actions, reactions, note, decided_by, decided_by_name, decided_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, input.decision.rawValue, Self.text(input.actions), ReactionStore.text(input.reactions), input.note, reviewer.id,
                    reviewer.name, at,
                ])
            if !input.reactions.isEmpty, let signal = SignalID(item.signalID) {
                try ReactionStore.updateReactions(to: signal, sending: input.reactions, final: input.decision != .needsInfo, now: now, in: db)
            }
            if let scope {
                let detail = [
                    "decision": input.decision.rawValue, "actions": input.actions.map(\.rawValue).sorted().joined(separator: ","),
                    "reactions": input.reactions.map(\.rawValue).sorted().joined(separator: ","),
                ]
                try AuditStore.append(scope.entry(.reviewDecide, targets: [String(id), item.signalID], detail: detail), now: now, in: db)
            }
            return try Self.reviewItem(id, in: db)
        }
    }

    /// Every decision taken on a review item, oldest first.
    public func decisions(of id: Int64) throws -> [(input: ReviewDecisionInput, by: String, at: Date)] {
        try writer.read { db in
            _ = try Self.reviewItem(id, in: db)
            return try Row.fetchAll(db, sql: "SELECT * FROM review_decisions WHERE item_id = ? ORDER BY seq", arguments: [id]).compactMap { row in
                guard let decision = ReviewDecision(rawValue: row["decision"]) else { return nil }
                let reactions = Set((row["reactions"] as String).split(separator: ",").compactMap { ReactionKind(rawValue: String($0)) })
                let input = ReviewDecisionInput(decision: decision, actions: Self.actions(row["actions"]), note: row["note"], reactions: reactions)
                return (input, row["decided_by_name"], Date(milliseconds: row["decided_at"]))
            }
        }
    }

    /// Signals flagged for matching unusually often, with `status` (all when nil), oldest flag first.
    public func flags(status: FlagStatus? = nil) throws -> [SignalFlagRecord] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM signal_flags WHERE ? IS NULL OR status = ? ORDER BY flagged_at, signal_id",
                arguments: [status?.rawValue, status?.rawValue]
            ).map(Self.flag)
        }
    }

    /// Decides a flag: `clear` opens the signal's held items and stops flagging it; `suppress` suppresses its held
    /// and future items. Reactions are updated as for an item's decision.
    public func decideFlag(
        _ signal: SignalID, _ decision: FlagDecision, reactions: Set<ReactionKind>, by reviewer: Reviewer, now: Date
    )
        throws -> SignalFlagRecord
    {
        defer { if !reactions.isEmpty { database.localChangeCommitted() } }
        let scope = AuditScope.current
        return try writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM signal_flags WHERE signal_id = ?", arguments: [signal.rawValue]) else {
                throw ReviewError.flagNotFound(signal.rawValue)
            }
            guard try Self.flag(row).status == .flagged else { throw ReviewError.flagDecided(signal.rawValue) }
            let (flagStatus, itemStatus): (FlagStatus, ReviewItemStatus) = decision == .clear ? (.cleared, .open) : (.suppressed, .suppressed)
            try db.run(
                sql: "UPDATE signal_flags SET status = ?, decided_by_name = ?, decided_at = ? WHERE signal_id = ?",
                arguments: [flagStatus.rawValue, reviewer.name, now.millisecondsSince1970, signal.rawValue])
            try db.run(
                sql: "UPDATE review_items SET status = ? WHERE signal_id = ? AND status = 'held'", arguments: [itemStatus.rawValue, signal.rawValue])
            if !reactions.isEmpty { try ReactionStore.updateReactions(to: signal, sending: reactions, final: true, now: now, in: db) }
            if let scope {
                try AuditStore.append(scope.entry(.flagDecide, targets: [signal.rawValue], detail: ["decision": decision.rawValue]), now: now, in: db)
            }
            return try Self.flag(Row.fetchOne(db, sql: "SELECT * FROM signal_flags WHERE signal_id = ?", arguments: [signal.rawValue])!)
        }
    }

    static func flag(_ row: Row) throws -> SignalFlagRecord {
        guard let status = FlagStatus(rawValue: row["status"]) else { throw StoreError.corrupt("flag status '\(row["status"] as String)'") }
        return SignalFlagRecord(
            signalID: row["signal_id"], signalType: row["signal_type"], origin: row["origin"], items: row["items"],
            flaggedAt: Date(milliseconds: row["flagged_at"]), status: status, decidedByName: row["decided_by_name"],
            decidedAt: (row["decided_at"] as Int64?).map(Date.init(milliseconds:)))
    }

    /// The queue's figures, for the company and for the program's transparency report: counts only.
    public func outcomes() throws -> ReviewOutcomes {
        try writer.read { db in
            var items: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM review_items GROUP BY status") {
                items[row["status"]] = row["n"]
            }
            var actions: [String: Int] = [:]
            for action in ReviewAction.allCases {
                actions[action.rawValue] =
                    try db.value(
                        Int.self, sql: "SELECT count(*) FROM review_items WHERE status = 'confirmed' AND instr(actions, ?) > 0",
                        arguments: [action.rawValue]) ?? 0
            }
            var confirmedByType: [String: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT signal_type, count(*) AS n FROM review_items WHERE status = 'confirmed' GROUP BY signal_type")
            {
                confirmedByType[row["signal_type"]] = row["n"]
            }
            var flags: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM signal_flags GROUP BY status") {
                flags[row["status"]] = row["n"]
            }
            let repeats = try db.value(Int.self, sql: "SELECT coalesce(sum(match_count - 1), 0) FROM review_items") ?? 0
            return ReviewOutcomes(items: items, actions: actions, confirmedByType: confirmedByType, flags: flags, repeatMatches: repeats)
        }
    }
}

extension ReviewStore {
    /// The queue's depth, its oldest item and the flags waiting for a decision.
    public func queueFigures() throws -> QueueFigures {
        try writer.read { db in
            let waiting = try Int.fetchOne(db, sql: "SELECT count(*) FROM review_items WHERE status IN ('open', 'needs_info')") ?? 0
            let claimed = try Int.fetchOne(db, sql: "SELECT count(*) FROM review_items WHERE status = 'claimed'") ?? 0
            let oldest = try Int64.fetchOne(
                db, sql: "SELECT min(first_matched_at) FROM review_items WHERE status IN ('open', 'needs_info', 'claimed')")
            let flagged = try Int.fetchOne(db, sql: "SELECT count(*) FROM signal_flags WHERE status = 'flagged'") ?? 0
            return QueueFigures(
                waiting: waiting, claimed: claimed, oldest: oldest.map { Date(timeIntervalSince1970: Double($0) / 1000) }, flagged: flagged)
        }
    }
}
