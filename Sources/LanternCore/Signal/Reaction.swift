public import Foundation

/// What a consumer says about a signal it received, in ThreatExchange's words, plus the two ingestion statuses.
public enum ReactionKind: String, CaseIterable, Codable, Sendable, Comparable {
    case helpful = "HELPFUL"
    case notHelpful = "NOT_HELPFUL"
    case outdated = "OUTDATED"
    case sawThisToo = "SAW_THIS_TOO"
    case actionTaken = "ACTION_TAKEN"
    case disagreeWithTags = "DISAGREE_WITH_TAGS"
    case wantMoreInfo = "WANT_MORE_INFO"
    case nonMalicious = "NON_MALICIOUS"
    case ingested = "INGESTED"
    case inReview = "IN_REVIEW"

    public static func < (lhs: ReactionKind, rhs: ReactionKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Every kind, comma-separated, for error messages.
    public static let list = allCases.map(\.rawValue).joined(separator: ", ")

    /// Parses reaction words, naming the first one that is not a reaction.
    public static func parse(_ words: [String], field: String = "reactions") throws(ValidationError) -> Set<ReactionKind> {
        var kinds: Set<ReactionKind> = []
        for word in words {
            guard let kind = ReactionKind(rawValue: word) else {
                throw ValidationError(field: field, reason: "'\(word)' is not a reaction: use one of \(list).")
            }
            kinds.insert(kind)
        }
        return kinds
    }
}

/// One participant's reactions to one signal. A reactor replaces its whole set each time; an empty set withdraws
/// its reactions. `revision` is the reactor node's counter, so a later set wins wherever it travels.
public struct Reaction: Hashable, Sendable {
    public var signalID: SignalID
    public var reactor: ParticipantID
    public var kinds: Set<ReactionKind>
    public var revision: UInt64
    public var reactedAt: Date

    public init(signalID: SignalID, reactor: ParticipantID, kinds: Set<ReactionKind>, revision: UInt64, reactedAt: Date) {
        self.signalID = signalID
        self.reactor = reactor
        self.kinds = kinds
        self.revision = revision
        self.reactedAt = reactedAt
    }
}
