/// The review queue's rules that do not depend on storage: when a signal is flagged for matching unusually often,
/// and which reaction a decision sends to the signal's origin unless the reviewer says otherwise.
public struct ReviewPolicy: Sendable, Equatable {
    /// A signal is flagged once this many distinct items matched it within `flagWindowSeconds`.
    public var flagThreshold: Int
    public var flagWindowSeconds: Int

    public init(flagThreshold: Int = 25, flagWindowSeconds: Int = 86_400) {
        self.flagThreshold = flagThreshold
        self.flagWindowSeconds = flagWindowSeconds
    }

    /// Whether `items` distinct items within the window make a signal unusual.
    public func isUnusual(items: Int) -> Bool { items >= flagThreshold }

    /// This node's reactions to a signal after a decision sends `sending`, given those it holds: the latest word
    /// on each question wins. HELPFUL and NOT_HELPFUL answer one question, so sending one withdraws the other, except
    /// that once ACTION_TAKEN was sent (an item was actioned) a false positive among the signal's other matches no
    /// longer makes it NOT_HELPFUL. A final decision withdraws WANT_MORE_INFO.
    public static func reactions(holding: Set<ReactionKind>, sending: Set<ReactionKind>, final: Bool) -> Set<ReactionKind> {
        var result = holding
        var sending = sending
        if final { result.remove(.wantMoreInfo) }
        if result.contains(.actionTaken) || sending.contains(.actionTaken) { sending.remove(.notHelpful) }
        if sending.contains(.notHelpful) { result.remove(.helpful) }
        if sending.contains(.helpful) || sending.contains(.actionTaken) { result.remove(.notHelpful) }
        return result.union(sending)
    }

    /// The reaction a decision sends by default: ACTION_TAKEN for a confirmation that led to an action (HELPFUL
    /// without one), NOT_HELPFUL for a false positive, WANT_MORE_INFO when more is needed.
    public static func defaultReactions(for decision: ReviewDecision, actions: Set<ReviewAction>) -> Set<ReactionKind> {
        switch decision {
        case .confirmed: actions.isEmpty ? [.helpful] : [.actionTaken]
        case .falsePositive: [.notHelpful]
        case .needsInfo: [.wantMoreInfo]
        }
    }
}

/// What is decided about a signal flagged for matching unusually often.
public enum FlagDecision: String, CaseIterable, Codable, Sendable {
    /// The signal is sound: its held items join the queue, and it is not flagged again.
    case clear
    /// The signal is too broad to review match by match: its held and future items are suppressed.
    case suppress

    public static let list = allCases.map(\.rawValue).joined(separator: ", ")

    /// The reaction sent to the signal's origin by default: none for a cleared flag, NOT_HELPFUL for a suppressed
    /// one.
    public var defaultReactions: Set<ReactionKind> { self == .suppress ? [.notHelpful] : [] }
}

/// Where a flagged signal stands.
public enum FlagStatus: String, CaseIterable, Codable, Sendable {
    case flagged, cleared, suppressed
    /// The signal went before the flag was decided.
    case withdrawn
}
