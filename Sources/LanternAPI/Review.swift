// The review queue's resources of the local API: docs/openapi.json, schemas ReviewItem, ReviewItemList,
// ReviewDecisionInput, SignalFlag, SignalFlagList and FlagDecisionInput.

/// A review item (`ReviewItem`).
public struct ReviewItemResource: Codable, Sendable, Equatable {
    /// A decision taken on the item (`ReviewDecisionRecord`).
    public struct Decision: Codable, Sendable, Equatable {
        public var decision: String
        public var actions: [String]
        public var reactions: [String]
        public var note: String?
        public var decidedBy: String
        public var decidedAt: String

        public init(decision: String, actions: [String], reactions: [String], note: String? = nil, decidedBy: String, decidedAt: String) {
            self.decision = decision
            self.actions = actions
            self.reactions = reactions
            self.note = note
            self.decidedBy = decidedBy
            self.decidedAt = decidedAt
        }

        enum CodingKeys: String, CodingKey {
            case decision, actions, reactions, note
            case decidedBy = "decided_by"
            case decidedAt = "decided_at"
        }
    }

    public var id: Int64
    public var ref: String?
    public var itemType: String
    public var itemValue: String?
    public var signalID: String
    public var signalType: String
    public var origin: String
    public var reason: MatchReasonResource?
    public var status: String
    public var matchCount: Int
    public var firstMatchedAt: String
    public var lastMatchedAt: String
    public var claimedBy: String?
    public var claimedAt: String?
    public var decidedBy: String?
    public var decidedAt: String?
    public var actions: [String]
    public var note: String?
    /// The signal, while it is live on this node.
    public var signal: SignalResource?
    /// Every decision taken, when one item is asked for.
    public var decisions: [Decision]?

    public init(
        id: Int64, ref: String? = nil, itemType: String, itemValue: String? = nil, signalID: String, signalType: String, origin: String,
        reason: MatchReasonResource? = nil, status: String, matchCount: Int, firstMatchedAt: String, lastMatchedAt: String, claimedBy: String? = nil,
        claimedAt: String? = nil, decidedBy: String? = nil, decidedAt: String? = nil, actions: [String], note: String? = nil,
        signal: SignalResource? = nil, decisions: [Decision]? = nil
    ) {
        self.id = id
        self.ref = ref
        self.itemType = itemType
        self.itemValue = itemValue
        self.signalID = signalID
        self.signalType = signalType
        self.origin = origin
        self.reason = reason
        self.status = status
        self.matchCount = matchCount
        self.firstMatchedAt = firstMatchedAt
        self.lastMatchedAt = lastMatchedAt
        self.claimedBy = claimedBy
        self.claimedAt = claimedAt
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.actions = actions
        self.note = note
        self.signal = signal
        self.decisions = decisions
    }

    enum CodingKeys: String, CodingKey {
        case id, ref, origin, reason, status, actions, note, signal, decisions
        case itemType = "item_type"
        case itemValue = "item_value"
        case signalID = "signal_id"
        case signalType = "signal_type"
        case matchCount = "match_count"
        case firstMatchedAt = "first_matched_at"
        case lastMatchedAt = "last_matched_at"
        case claimedBy = "claimed_by"
        case claimedAt = "claimed_at"
        case decidedBy = "decided_by"
        case decidedAt = "decided_at"
    }
}

/// A page of review items (`ReviewItemList`).
public struct ReviewItemListResource: Codable, Sendable, Equatable {
    public var items: [ReviewItemResource]
    /// Give as `after` for the next page; absent on the last one.
    public var nextAfter: Int64?

    public init(items: [ReviewItemResource], nextAfter: Int64? = nil) {
        self.items = items
        self.nextAfter = nextAfter
    }

    enum CodingKeys: String, CodingKey {
        case items
        case nextAfter = "next_after"
    }
}

/// A decision on a review item (`ReviewDecisionInput`).
public struct ReviewDecisionBody: Codable, Sendable, Equatable {
    public var decision: String
    public var actions: [String]?
    public var note: String?
    public var reactions: [String]?

    public init(decision: String, actions: [String]? = nil, note: String? = nil, reactions: [String]? = nil) {
        self.decision = decision
        self.actions = actions
        self.note = note
        self.reactions = reactions
    }
}

/// A signal flagged for matching unusually often (`SignalFlag`).
public struct FlagResource: Codable, Sendable, Equatable {
    public var signalID: String
    public var signalType: String
    public var origin: String
    public var items: Int
    public var flaggedAt: String
    public var status: String
    public var decidedBy: String?
    public var decidedAt: String?

    public init(
        signalID: String, signalType: String, origin: String, items: Int, flaggedAt: String, status: String, decidedBy: String? = nil,
        decidedAt: String? = nil
    ) {
        self.signalID = signalID
        self.signalType = signalType
        self.origin = origin
        self.items = items
        self.flaggedAt = flaggedAt
        self.status = status
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }

    enum CodingKeys: String, CodingKey {
        case origin, items, status
        case signalID = "signal_id"
        case signalType = "signal_type"
        case flaggedAt = "flagged_at"
        case decidedBy = "decided_by"
        case decidedAt = "decided_at"
    }
}

/// Flagged signals (`SignalFlagList`).
public struct FlagListResource: Codable, Sendable, Equatable {
    public var flags: [FlagResource]

    public init(flags: [FlagResource]) {
        self.flags = flags
    }
}

/// A decision on a flagged signal (`FlagDecisionInput`).
public struct FlagDecisionBody: Codable, Sendable, Equatable {
    public var decision: String
    public var reactions: [String]?

    public init(decision: String, reactions: [String]? = nil) {
        self.decision = decision
        self.reactions = reactions
    }
}
