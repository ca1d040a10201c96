public import LanternCore

/// How the node treats logins: password hashing cost, password rules, session lifetimes and login throttling.
public struct AccountConfiguration: Sendable {
    /// bcrypt's cost (log2 of its rounds). Tests lower it; 12 takes a fraction of a second, which a login can
    /// afford and a guesser cannot.
    public var bcryptCost: UInt8
    public var passwordRules: PasswordRules
    public var sessions: SessionPolicy
    public var throttle: LoginThrottle.Limits
    /// The name an authenticator app shows beside the account.
    public var issuer: String

    public init(
        bcryptCost: UInt8 = 12, passwordRules: PasswordRules = PasswordRules(), sessions: SessionPolicy = SessionPolicy(),
        throttle: LoginThrottle.Limits = LoginThrottle.Limits(), issuer: String = "LanternNode"
    ) {
        self.bcryptCost = bcryptCost
        self.passwordRules = passwordRules
        self.sessions = sessions
        self.throttle = throttle
        self.issuer = issuer
    }
}
