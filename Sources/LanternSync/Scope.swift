public import LanternCore

/// A stream of events: everything an origin says to one audience (`all`, `financial`, or one allowlist), or the
/// reactions a participant sends to one origin about that origin's signals.
///
/// Scopes are what peers exchange: a node only ever receives the scopes it is entitled to, so no event it may not
/// see is ever sent to it, and there is nothing to filter inside a scope.
public enum Scope: Hashable, Sendable, Comparable, CustomStringConvertible {
    case all
    case financial
    case allowlist(Set<ParticipantID>)
    /// Reactions to the signals of `to`, which only `to` receives.
    case reactions(to: ParticipantID)

    public init(_ audience: Audience) {
        switch audience {
        case .all: self = .all
        case .financial: self = .financial
        case .allowlist(let members): self = .allowlist(members)
        }
    }

    /// `all`, `financial`, `allow:` and the members, sorted, joined by commas, or `reactions:` and a participant.
    public var description: String {
        switch self {
        case .all: "all"
        case .financial: "financial"
        case .allowlist(let members): "allow:" + members.sorted().map { $0.rawValue }.joined(separator: ",")
        case .reactions(let target): "reactions:" + target.rawValue
        }
    }

    public init?(_ text: String) {
        switch text {
        case "all": self = .all
        case "financial": self = .financial
        default:
            if text.hasPrefix("reactions:") {
                guard let target = ParticipantID(String(text.dropFirst(10))) else { return nil }
                self = .reactions(to: target)
                return
            }
            guard text.hasPrefix("allow:") else { return nil }
            let ids = text.dropFirst(6).split(separator: ",", omittingEmptySubsequences: false).map { ParticipantID(String($0)) }
            guard !ids.isEmpty, ids.allSatisfy({ $0 != nil }) else { return nil }
            let members = Set(ids.compactMap { $0 })
            // Only the canonical form names a scope, so one allowlist has one name.
            guard members.sorted().map { $0.rawValue }.joined(separator: ",") == String(text.dropFirst(6)) else { return nil }
            self = .allowlist(members)
        }
    }

    public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.description < rhs.description }

    /// Whether `participant` may hold events of this scope authored by `origin`.
    public func isEntitled(_ participant: Participant, origin: ParticipantID) -> Bool {
        guard let audience else { return self == .reactions(to: participant.id) || participant.id == origin }
        return AccessPolicy.mayReceive(audience, origin: origin, participant: participant)
    }

    /// The audience of a signal scope; nil for reactions.
    public var audience: Audience? {
        switch self {
        case .all: .all
        case .financial: .financial
        case .allowlist(let members): .allowlist(members)
        case .reactions: nil
        }
    }
}
