import Foundation
import LanternCore
import LanternStore

/// A review item as the API returns it.
struct ReviewItemResource: Encodable {
    struct Decision: Encodable {
        var decision: String
        var actions: [String]
        var reactions: [String]
        var note: String?
        var decidedBy: String
        var decidedAt: String

        init(_ entry: (input: ReviewDecisionInput, by: String, at: Date)) {
            decision = entry.input.decision.rawValue
            actions = entry.input.actions.sorted().map(\.rawValue)
            reactions = entry.input.reactions.sorted().map(\.rawValue)
            note = entry.input.note
            decidedBy = entry.by
            decidedAt = Timestamp.format(entry.at)
        }

        enum CodingKeys: String, CodingKey {
            case decision, actions, reactions, note
            case decidedBy = "decided_by"
            case decidedAt = "decided_at"
        }
    }

    struct List: Encodable {
        var items: [ReviewItemResource]
        /// Give as `after` for the next page; absent on the last one.
        var nextAfter: Int64?

        enum CodingKeys: String, CodingKey {
            case items
            case nextAfter = "next_after"
        }
    }

    var id: Int64
    var ref: String?
    var itemType: String
    var itemValue: String?
    var signalID: String
    var signalType: String
    var origin: String
    var reason: MatchReasonResource?
    var status: String
    var matchCount: Int
    var firstMatchedAt: String
    var lastMatchedAt: String
    var claimedBy: String?
    var claimedAt: String?
    var decidedBy: String?
    var decidedAt: String?
    var actions: [String]
    var note: String?
    /// The signal, while it is live on this node.
    var signal: SignalResource?
    /// Every decision taken, when one item is asked for.
    var decisions: [Decision]?

    init(_ item: ReviewItemRecord, signal: SignalResource?) {
        id = item.id
        ref = item.ref
        itemType = item.itemType
        itemValue = item.itemValue
        signalID = item.signalID
        signalType = item.signalType
        origin = item.origin
        reason = item.reason.flatMap { try? JSONDecoder().decode(MatchReasonResource.self, from: Data($0.utf8)) }
        status = item.status.rawValue
        matchCount = item.matchCount
        firstMatchedAt = Timestamp.format(item.firstMatchedAt)
        lastMatchedAt = Timestamp.format(item.lastMatchedAt)
        claimedBy = item.claimedByName
        claimedAt = item.claimedAt.map(Timestamp.format)
        decidedBy = item.decidedByName
        decidedAt = item.decidedAt.map(Timestamp.format)
        actions = item.actions.sorted().map(\.rawValue)
        note = item.note
        self.signal = signal
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

/// A signal flagged for matching unusually often, as the API returns it.
struct FlagResource: Encodable {
    struct List: Encodable {
        var flags: [FlagResource]
    }

    var signalID: String
    var signalType: String
    var origin: String
    var items: Int
    var flaggedAt: String
    var status: String
    var decidedBy: String?
    var decidedAt: String?

    init(_ flag: SignalFlagRecord) {
        signalID = flag.signalID
        signalType = flag.signalType
        origin = flag.origin
        items = flag.items
        flaggedAt = Timestamp.format(flag.flaggedAt)
        status = flag.status.rawValue
        decidedBy = flag.decidedByName
        decidedAt = flag.decidedAt.map(Timestamp.format)
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
