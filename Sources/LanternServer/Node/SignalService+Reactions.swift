import Foundation
public import LanternCore
import LanternStore

extension SignalService {
    /// Sets this node's reactions to a signal it received; an empty list withdraws them. The chain builder sends
    /// them to the signal's origin only.
    public func react(to id: SignalID, with words: [String]) throws -> Reaction {
        let kinds = try ReactionKind.parse(words)
        guard let stored = try store.signals.signal(id), stored.signal.expiresAt > now else {
            throw SignalNotFound.notFound(id, removed: try store.signals.removal(id) != nil)
        }
        guard let reactor = validator.directory[participant] else {
            throw ValidationError(field: "reactor", reason: "Participant \(participant) is not in the participant list.")
        }
        try AccessPolicy.checkMayReact(to: stored.signal, reactor: reactor)
        do {
            return try store.reactions.react(to: id, kinds: kinds, now: now)
        } catch let error as StoreError where error.isNotFound {
            throw SignalNotFound.notFound(id, removed: try store.signals.removal(id) != nil)
        }
    }

    /// The reactions held on a signal: every consumer's on one of this node's signals, this node's own on a
    /// signal it received.
    public func reactions(on id: SignalID) throws -> [Reaction] {
        guard try store.signals.signal(id) != nil else { throw SignalNotFound.notFound(id, removed: try store.signals.removal(id) != nil) }
        try recordRead(.signalView, targets: [id.rawValue], detail: ["part": "reactions"])
        return try store.reactions.all(on: id)
    }
}
