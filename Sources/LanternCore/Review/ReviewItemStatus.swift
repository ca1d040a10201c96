/// Where a review item stands. A match waits `open` (or `held`, while its signal is flagged) until an investigator
/// claims and decides it; `withdrawn` when its signal was removed, expired or retracted before a final decision.
public enum ReviewItemStatus: String, CaseIterable, Codable, Sendable {
    case open
    case claimed
    /// Waiting while the signal itself is flagged for matching unusually often.
    case held
    case confirmed
    case falsePositive = "false_positive"
    case needsInfo = "needs_info"
    /// The signal went (removed, expired, or this node left its audience) before a final decision.
    case withdrawn
    /// Its signal was suppressed after being flagged: never reviewed one by one.
    case suppressed

    /// Whether an investigator may still claim or decide the item.
    public var isPending: Bool { self == .open || self == .claimed || self == .needsInfo }

    /// Every status, comma-separated, for error messages.
    public static let list = allCases.map(\.rawValue).joined(separator: ", ")
}

/// An investigator's decision on a review item.
public enum ReviewDecision: String, CaseIterable, Codable, Sendable {
    case confirmed
    case falsePositive = "false_positive"
    /// Not decidable yet: the item waits, unclaimed, for another look.
    case needsInfo = "needs_info"

    public var status: ReviewItemStatus {
        switch self {
        case .confirmed: .confirmed
        case .falsePositive: .falsePositive
        case .needsInfo: .needsInfo
        }
    }

    public static let list = allCases.map(\.rawValue).joined(separator: ", ")
}

/// What the company did about a confirmed match, counted for the outcome figures.
public enum ReviewAction: String, CaseIterable, Codable, Sendable, Comparable {
    case accountActioned = "account_actioned"
    case contentRemoved = "content_removed"
    case urlBlocked = "url_blocked"

    public static func < (lhs: ReviewAction, rhs: ReviewAction) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let list = allCases.map(\.rawValue).joined(separator: ", ")

    /// Parses action words, naming the first one that is not an action.
    public static func parse(_ words: [String], field: String = "actions") throws(ValidationError) -> Set<ReviewAction> {
        var actions: Set<ReviewAction> = []
        for word in words {
            guard let action = ReviewAction(rawValue: word) else {
                throw ValidationError(field: field, reason: "'\(word)' is not an outcome action: use one of \(list).")
            }
            actions.insert(action)
        }
        return actions
    }
}
