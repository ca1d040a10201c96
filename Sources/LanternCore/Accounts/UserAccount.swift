public import Foundation

/// A named person's account, as the node holds it: never the password's hash or the second factor's secret.
public struct UserAccount: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: Username
    public var role: UserRole
    /// Set for a new or reset account: the next login must choose a password.
    public var mustChangePassword: Bool
    /// Wrong second-factor codes in a row since the last login that passed; at the throttle's `lockAfter` the
    /// account locks.
    public var failedLogins: Int
    public var lockedAt: Date?
    public var disabledAt: Date?
    /// Whether an authenticator is enrolled; until it is, a login goes to enrolment.
    public var hasSecondFactor: Bool
    public var createdAt: Date

    public init(
        id: Int64, name: Username, role: UserRole, mustChangePassword: Bool, failedLogins: Int, lockedAt: Date?,
        disabledAt: Date?, hasSecondFactor: Bool, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.mustChangePassword = mustChangePassword
        self.failedLogins = failedLogins
        self.lockedAt = lockedAt
        self.disabledAt = disabledAt
        self.hasSecondFactor = hasSecondFactor
        self.createdAt = createdAt
    }

    /// The state in a word, for lists: `disabled`, `locked`, `enrolling` (no authenticator yet) or `active`.
    public var state: String {
        if disabledAt != nil { return "disabled" }
        if lockedAt != nil { return "locked" }
        if !hasSecondFactor { return "enrolling" }
        return "active"
    }
}

/// A login session as listed: never its id, which only the browser holds.
public struct UserSession: Sendable, Equatable {
    /// A short, stable label for the session (the start of its id's digest), to tell sessions apart in a list.
    public var label: String
    public var userID: Int64
    public var complete: Bool
    public var csrfToken: String
    public var address: String
    public var userAgent: String
    public var createdAt: Date
    public var lastSeenAt: Date

    public init(
        label: String, userID: Int64, complete: Bool, csrfToken: String, address: String, userAgent: String, createdAt: Date,
        lastSeenAt: Date
    ) {
        self.label = label
        self.userID = userID
        self.complete = complete
        self.csrfToken = csrfToken
        self.address = address
        self.userAgent = userAgent
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}
