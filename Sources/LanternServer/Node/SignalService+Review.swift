import Foundation
public import LanternCore
public import LanternStore

extension SignalService {
    /// Decides a review item. Unless `reactions` is given, the decision's default reaction goes to the signal's
    /// origin (`ReviewPolicy.defaultReactions`, merged with this node's earlier ones by `ReviewPolicy.reactions`);
    /// an empty list sends none.
    public func decideReviewItem(
        _ id: Int64, decision: ReviewDecision, actions: Set<ReviewAction>, note: String?, reactions: Set<ReactionKind>?, by reviewer: Reviewer
    ) throws -> ReviewItemRecord {
        if let note, note.unicodeScalars.count > 2000 {
            throw ValidationError(field: "note", reason: "A note is at most 2000 characters; this one has \(note.unicodeScalars.count).")
        }
        let item = try store.reviewItem(id)
        let kinds = reactions ?? ReviewPolicy.defaultReactions(for: decision, actions: actions)
        if !kinds.isEmpty, let signal = SignalID(item.signalID) { try checkMayReact(to: signal) }
        let input = ReviewDecisionInput(decision: decision, actions: actions, note: note?.isEmpty == true ? nil : note, reactions: kinds)
        return try store.decideReviewItem(id, input, by: reviewer, now: now)
    }

    /// Decides the flag on a signal that matched unusually often; reactions as for an item's decision.
    public func decideSignalFlag(
        _ signal: SignalID, decision: FlagDecision, reactions: Set<ReactionKind>?, by reviewer: Reviewer
    ) throws
        -> SignalFlagRecord
    {
        let kinds = reactions ?? decision.defaultReactions
        if !kinds.isEmpty { try checkMayReact(to: signal) }
        return try store.decideSignalFlag(signal, decision, reactions: kinds, by: reviewer, now: now)
    }

    /// Refuses a reaction this node may not send. A signal that has gone is left to the store, which refuses to
    /// decide its withdrawn items.
    private func checkMayReact(to signal: SignalID) throws {
        guard let stored = try store.signal(signal) else { return }
        guard let reactor = validator.directory[participant] else {
            throw ValidationError(field: "reactions", reason: "Participant \(participant) is not in the participant list.")
        }
        try AccessPolicy.checkMayReact(to: stored.signal, reactor: reactor)
    }
}
