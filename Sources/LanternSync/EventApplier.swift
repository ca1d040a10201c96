public import LanternCore

/// What a receiver holds of one signal id, as far as applying events is concerned.
public enum LocalSignalState: Equatable, Sendable {
    case absent
    case live(origin: ParticipantID, revision: UInt64)
    /// Removed by its origin: final.
    case removed
    /// Dropped from this node's audience at `revision`; content purged, revision kept so an older copy cannot return.
    case retracted(origin: ParticipantID, revision: UInt64)
}

/// One thing to do to the store for a verified event, which it names by its index in the batch.
public enum ApplyAction: Equatable, Sendable {
    /// Store the event's signal, replacing an older revision.
    case store(Int)
    /// Purge the signal's content and keep its removal record.
    case remove(Int)
    /// Purge the signal's content and remember the revision it was retracted at.
    case retract(Int)
    /// Nothing to do, and why.
    case skip(Int, reason: SkipReason)
}

public enum SkipReason: String, Equatable, Sendable {
    /// The signal was removed; a removal is final.
    case removed
    /// A newer revision is already held (or retracted).
    case stale
    /// The event's body was purged by the sender because a later event supersedes it.
    case purged
    /// Another origin already owns this id.
    case foreignOrigin
    /// The event's origin did not make this id (`SignalID.isBound`): refused, whatever the receiver holds.
    case notOwner
    /// A signal for the financial pool from an origin that has not opted in to the pool: refused. Its removals
    /// and retractions still apply.
    case notInPool
    /// A snapshot marker: the store reconciles the whole scope after the batch.
    case marker
}

/// Decides, event by event, what a verified batch does to the receiver's copies.
///
/// The rules: a removal always wins and is final; otherwise the higher revision wins; an upsert and a retract of
/// the same revision (one audience change seen from two scopes) leave the signal live, whatever their order.
public enum EventApplier {
    /// The action for each event, in order. Events are read in place, by index, since a full sync plans millions.
    /// - Parameter upserts: false when the origin may not publish signals in this scope (the financial pool,
    ///   without the origin's opt-in): its upserts are refused, and what it removes or retracts still goes.
    public static func plan(_ events: [ChainEvent], upserts: Bool = true, state lookup: (String) -> LocalSignalState) -> [ApplyAction] {
        var overlay: [String: LocalSignalState] = [:]
        var binding: SignalID.Binding?
        var actions: [ApplyAction] = []
        actions.reserveCapacity(events.count)
        // Through a buffer pointer: an array's subscript copies the event it returns.
        events.withUnsafeBufferPointer { events in
            for index in events.indices {
                let state = overlay[events[index].signalID] ?? lookup(events[index].signalID)
                // Events of a batch share an origin: its tag's first lines are hashed once.
                if binding?.origin != events[index].origin { binding = SignalID.Binding(origin: events[index].origin) }
                let bound = binding!.isBound(events[index].signalID)
                let (action, next) = decide(events[index], at: index, state, upserts: upserts, bound: bound)
                actions.append(action)
                if let next { overlay[events[index].signalID] = next }
            }
        }
        return actions
    }

    static func decide(
        _ event: ChainEvent, at index: Int, _ state: LocalSignalState, upserts: Bool, bound: Bool
    ) -> (ApplyAction, LocalSignalState?) {
        func skip(_ reason: SkipReason) -> (ApplyAction, LocalSignalState?) { (.skip(index, reason: reason), nil) }
        if event.kind == .snapshot { return skip(.marker) }
        // Checked before the state: an id held nowhere yet is no more the event origin's to create or remove.
        // `bound` is `SignalID.isBound(event.signalID, to: event.origin)`, worked out by the caller.
        guard bound else { return skip(.notOwner) }
        switch state {
        case .live(let origin, _) where origin != event.origin, .retracted(let origin, _) where origin != event.origin:
            return skip(.foreignOrigin)
        case .removed:
            return skip(.removed)
        default:
            break
        }
        switch event.kind {
        case .remove:
            return (.remove(index), .removed)
        case .upsert:
            guard upserts else { return skip(.notInPool) }
            guard event.body != nil else { return skip(.purged) }
            switch state {
            case .live(_, let revision) where revision >= event.revision: return skip(.stale)
            case .retracted(_, let revision) where revision > event.revision: return skip(.stale)
            default: return (.store(index), .live(origin: event.origin, revision: event.revision))
            }
        case .snapshot:
            return skip(.marker)
        case .retract:
            switch state {
            case .live(_, let revision) where revision >= event.revision: return skip(.stale)
            case .retracted(_, let revision) where revision >= event.revision: return skip(.stale)
            default: return (.retract(index), .retracted(origin: event.origin, revision: event.revision))
            }
        }
    }
}
