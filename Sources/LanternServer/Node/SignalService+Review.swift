public import Foundation
public import LanternCore
public import LanternStore

extension SignalService {
    /// Review items, oldest first, after the item id `after`: those in `statuses` (every status when empty) and,
    /// when given, of one signal.
    public func reviewItems(statuses: Set<ReviewItemStatus>, signal: String?, after: Int64, limit: Int) throws -> [ReviewItemRecord] {
        let items = try store.review.items(statuses: statuses, signal: signal, after: after, limit: limit)
        // The answer shows each item's signal too: both ids are recorded.
        try recordRead(.reviewRead, targets: items.flatMap { [String($0.id), $0.signalID] }, detail: ["count": String(items.count)])
        return items
    }

    /// One review item and the decisions taken on it, oldest first.
    public func reviewItem(_ id: Int64) throws -> (item: ReviewItemRecord, decisions: [(input: ReviewDecisionInput, by: String, at: Date)]) {
        let found = (try store.review.item(id), try store.review.decisions(of: id))
        try recordRead(.reviewRead, targets: [String(id), found.0.signalID])
        return found
    }

    /// Queues what a match found for review, in one transaction, flagging a signal that reaches `policy`'s threshold.
    /// - Returns: each match's review item id, in order; nil for a match of this node's own signal or of one gone.
    public func recordMatches(_ matches: [ReviewMatch], policy: ReviewPolicy) throws -> [Int64?] {
        try store.review.recordMatches(matches, policy: policy, now: now)
    }

    /// Claims an item for `reviewer`.
    public func claimReviewItem(_ id: Int64, by reviewer: Reviewer) throws -> ReviewItemRecord {
        try store.review.claim(id, by: reviewer, now: now)
    }

    /// Gives up a claim: its holder, or an admin.
    public func releaseReviewItem(_ id: Int64, by reviewer: Reviewer) throws -> ReviewItemRecord {
        try store.review.release(id, by: reviewer)
    }

    /// The flags raised on signals, oldest first; of one status when given.
    public func signalFlags(status: FlagStatus?) throws -> [SignalFlagRecord] {
        let flags = try store.review.flags(status: status)
        try recordRead(.reviewRead, targets: flags.map(\.signalID), detail: ["part": "flags", "count": String(flags.count)])
        return flags
    }

    /// What the review queue's decisions added up to.
    public func reviewOutcomes() throws -> ReviewOutcomes {
        try store.review.outcomes()
    }

    /// Decides a review item. Unless `reactions` is given, the decision's default reaction goes to the signal's
    /// origin (`ReviewPolicy.defaultReactions`, merged with this node's earlier ones by `ReviewPolicy.reactions`);
    /// an empty list sends none.
    public func decideReviewItem(
        _ id: Int64, decision: ReviewDecision, actions: Set<ReviewAction>, note: String?, reactions: Set<ReactionKind>?, by reviewer: Reviewer
    ) throws -> ReviewItemRecord {
        if let note, note.unicodeScalars.count > 2000 {
            throw ValidationError(field: "note", reason: "A note is at most 2000 characters; this one has \(note.unicodeScalars.count).")
        }
        let item = try store.review.item(id)
        let kinds = reactions ?? ReviewPolicy.defaultReactions(for: decision, actions: actions)
        if !kinds.isEmpty, let signal = SignalID(item.signalID) { try checkMayReact(to: signal) }
        let input = ReviewDecisionInput(decision: decision, actions: actions, note: note?.isEmpty == true ? nil : note, reactions: kinds)
        return try store.review.decide(id, input, by: reviewer, now: now)
    }

    /// Decides the flag on a signal that matched unusually often; reactions as for an item's decision.
    public func decideSignalFlag(
        _ signal: SignalID, decision: FlagDecision, reactions: Set<ReactionKind>?, by reviewer: Reviewer
    ) throws
        -> SignalFlagRecord
    {
        let kinds = reactions ?? decision.defaultReactions
        if !kinds.isEmpty { try checkMayReact(to: signal) }
        return try store.review.decideFlag(signal, decision, reactions: kinds, by: reviewer, now: now)
    }

    /// Refuses a reaction this node may not send. A signal that has gone is left to the store, which refuses to
    /// decide its withdrawn items.
    private func checkMayReact(to signal: SignalID) throws {
        guard let stored = try store.signals.signal(signal) else { return }
        guard let reactor = validator.directory[participant] else {
            throw ValidationError(field: "reactions", reason: "Participant \(participant) is not in the participant list.")
        }
        try AccessPolicy.checkMayReact(to: stored.signal, reactor: reactor)
    }
}
