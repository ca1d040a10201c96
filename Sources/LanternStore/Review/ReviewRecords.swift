public import Foundation
public import LanternCore

/// One match to record in the review queue: the company's item, the signal it matched and why.
public struct ReviewMatch: Sendable, Equatable {
    /// The company's own reference for the item, if it gave one.
    public var ref: String?
    /// The item's type: a signal type, or `text`.
    public var itemType: String
    /// What the reviewer sees of the item: its value, or for a text the passage around the match.
    public var itemValue: String
    /// Identifies the item for deduplication: a digest of its reference, type and whole value.
    public var itemKey: String
    public var signal: SignalID
    /// Why it matched, as the API's JSON object.
    public var reason: String

    public init(ref: String?, itemType: String, itemValue: String, itemKey: String, signal: SignalID, reason: String) {
        self.ref = ref
        self.itemType = itemType
        self.itemValue = itemValue
        self.itemKey = itemKey
        self.signal = signal
        self.reason = reason
    }
}

/// A review item as stored.
public struct ReviewItemRecord: Sendable, Equatable {
    public var id: Int64
    public var ref: String?
    public var itemType: String
    /// Gone (nil) once the signal is.
    public var itemValue: String?
    public var signalID: String
    public var signalType: String
    public var origin: String
    public var reason: String?
    public var status: ReviewItemStatus
    /// How many times the same item matched the same signal.
    public var matchCount: Int
    public var firstMatchedAt: Date
    public var lastMatchedAt: Date
    public var claimedBy: String?
    public var claimedByName: String?
    public var claimedAt: Date?
    public var claimedFrom: ReviewItemStatus?
    public var decidedByName: String?
    public var decidedAt: Date?
    public var actions: Set<ReviewAction>
    public var note: String?

    public var state: ReviewItemState {
        ReviewItemState(status: status, claimedBy: claimedBy, claimedByName: claimedByName, claimedFrom: claimedFrom)
    }
}

/// A signal flagged for matching unusually often.
public struct SignalFlagRecord: Sendable, Equatable {
    public var signalID: String
    public var signalType: String
    public var origin: String
    /// Distinct items that had matched it within the window when it was flagged.
    public var items: Int
    public var flaggedAt: Date
    public var status: FlagStatus
    public var decidedByName: String?
    public var decidedAt: Date?
}

/// A decision to record: what, with which outcome actions and note, and the reactions to send the signal's origin.
public struct ReviewDecisionInput: Sendable, Equatable {
    public var decision: ReviewDecision
    public var actions: Set<ReviewAction>
    public var note: String?
    public var reactions: Set<ReactionKind>

    public init(decision: ReviewDecision, actions: Set<ReviewAction> = [], note: String? = nil, reactions: Set<ReactionKind>) {
        self.decision = decision
        self.actions = actions
        self.note = note
        self.reactions = reactions
    }
}

/// The queue's figures: items by status, outcome actions taken, confirmations by signal type and flags by status.
/// Counts only, with no item, signal or participant named.
public struct ReviewOutcomes: Sendable, Equatable, Codable {
    public var items: [String: Int]
    public var actions: [String: Int]
    public var confirmedByType: [String: Int]
    public var flags: [String: Int]
    /// Matches of the same item and signal counted on an existing item instead of queued again.
    public var repeatMatches: Int

    enum CodingKeys: String, CodingKey {
        case items, actions, flags
        case confirmedByType = "confirmed_by_type"
        case repeatMatches = "repeat_matches"
    }
}
