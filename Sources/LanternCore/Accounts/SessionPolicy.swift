public import Foundation

/// How long a login lasts: a session ends after `idleTimeout` without a request, and `absoluteTimeout` after it
/// began whatever happens. A session that has passed only the password lasts `secondFactorTimeout`.
public struct SessionPolicy: Sendable, Equatable {
    public var idleTimeout: TimeInterval
    public var absoluteTimeout: TimeInterval
    public var secondFactorTimeout: TimeInterval

    public init(idleTimeout: TimeInterval = 30 * 60, absoluteTimeout: TimeInterval = 12 * 3600, secondFactorTimeout: TimeInterval = 5 * 60) {
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.secondFactorTimeout = secondFactorTimeout
    }

    /// Why a session is over at `now`, or nil while it lasts.
    public func expiry(createdAt: Date, lastSeenAt: Date, complete: Bool, now: Date) -> SessionEnd? {
        if !complete && now.timeIntervalSince(createdAt) > secondFactorTimeout { return .secondFactorTimeout }
        if now.timeIntervalSince(createdAt) > absoluteTimeout { return .absoluteTimeout }
        if now.timeIntervalSince(lastSeenAt) > idleTimeout { return .idleTimeout }
        return nil
    }
}

/// Why a session ended.
public enum SessionEnd: String, Sendable, Codable, CaseIterable {
    case logout
    case idleTimeout = "idle_timeout"
    case absoluteTimeout = "absolute_timeout"
    case secondFactorTimeout = "second_factor_timeout"
    /// An admin disabled or reset the user, or the user changed the password or authenticator elsewhere.
    case revoked
}
