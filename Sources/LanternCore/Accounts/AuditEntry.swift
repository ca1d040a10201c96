public import Foundation

/// One thing someone did that the audit log records: who, from where, what, and on what.
///
/// It never holds a signal's value or a searched-for value: targets are ids, and searched-for values reach it only
/// as keyed digests (`AuditEntry.Detail`), so a removal still leaves nothing but the type and date behind.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var actor: AuditActor
    /// The client's address as the node saw it, or `local` for the CLI on the home.
    public var address: String
    public var action: AuditAction
    /// Whether the action was carried out (`false`: refused, with the reason in `detail`).
    public var succeeded: Bool
    /// What the action was on: signal ids, an item id, a user name, a token id. Never a value.
    public var targets: [String]
    /// The rest, as key and value pairs: a search's filters (values digested), counts, reasons.
    public var detail: [String: String]

    public init(
        actor: AuditActor, address: String, action: AuditAction, succeeded: Bool = true, targets: [String] = [],
        detail: [String: String] = [:]
    ) {
        self.actor = actor
        self.address = address
        self.action = action
        self.succeeded = succeeded
        self.targets = targets
        self.detail = detail
    }
}

/// Who did it: a named user, an API token (with its owner when it has one), or the CLI on the home.
public enum AuditActor: Sendable, Equatable, Codable, CustomStringConvertible {
    case user(String)
    case token(id: String, owner: String?)
    case home
    /// Someone not (yet) known: a failed login names the account tried in the entry's targets.
    case anonymous

    public var kind: String {
        switch self {
        case .user: "user"
        case .token: "token"
        case .home: "home"
        case .anonymous: "anonymous"
        }
    }

    /// The name recorded: the user name, the token id, `home` or `-`.
    public var name: String {
        switch self {
        case .user(let name): name
        case .token(let id, _): id
        case .home: "home"
        case .anonymous: "-"
        }
    }

    public var description: String {
        switch self {
        case .token(let id, let owner?): "\(id) (\(owner))"
        default: name
        }
    }
}

/// What was done. The names are stable: they are written into the hash-chained log.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    case signalSearch = "signal.search"
    case signalView = "signal.view"
    case signalExport = "signal.export"
    case signalCreate = "signal.create"
    case signalUpdate = "signal.update"
    case signalRemove = "signal.remove"
    case signalImport = "signal.import"
    case reactionSend = "reaction.send"
    case reviewRead = "review.read"
    case reviewClaim = "review.claim"
    case reviewRelease = "review.release"
    case reviewDecide = "review.decide"
    case flagDecide = "flag.decide"
    case matchQuery = "match.query"
    case login = "login"
    case loginFailed = "login.failed"
    case logout = "logout"
    case enrol = "second_factor.enrol"
    case recoveryCodes = "second_factor.recovery_codes"
    case passwordChange = "password.change"
    case sessionEnd = "session.end"
    case userAdd = "user.add"
    case userDisable = "user.disable"
    case userEnable = "user.enable"
    case userReset = "user.reset"
    case userUnlock = "user.unlock"
    case userLock = "user.lock"
    case tokenCreate = "token.create"
    case tokenRevoke = "token.revoke"
    case peerChange = "peer.change"
    case settingsChange = "settings.change"
    case auditRead = "audit.read"
    case auditExport = "audit.export"
    case backup = "home.backup"
    case restore = "home.restore"
}
