/// What a named person may do in the investigators' UI. The rules are here so the UI, the CLI and the API ask the
/// same sets.
public enum UserRole: String, Codable, Sendable, CaseIterable {
    /// Users, peers, tokens and settings, besides everything an investigator does.
    case admin
    /// Signals, the review queue and reactions.
    case investigator
    /// Reads everything, changes nothing, and reads the audit log.
    case auditor

    /// Whether the role may create, change or remove signals, react to them and decide review items.
    public var mayChangeSignals: Bool { self != .auditor }

    /// Whether the role may manage users, tokens and peers.
    public var mayAdminister: Bool { self == .admin }

    /// Whether the role may read the audit log.
    public var mayReadAudit: Bool { self != .investigator }

    /// The role an API token of this user gets: an auditor's token reads only.
    public var tokenRole: TokenRole {
        switch self {
        case .admin: .admin
        case .investigator: .investigator
        case .auditor: .auditor
        }
    }

    /// Whether a user of this role may own a token of `role`: never one that does more than the user may.
    public func mayOwnToken(_ role: TokenRole) -> Bool {
        switch self {
        case .admin: true
        case .investigator: role == .investigator || role == .integration
        case .auditor: role == .auditor
        }
    }

    /// The role names, for messages.
    public static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
