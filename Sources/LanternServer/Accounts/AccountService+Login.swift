import Foundation
import HummingbirdOTP
public import LanternCore
import LanternStore
import Synchronization

/// What a login has yet to do after the password.
public enum LoginStep: Sendable, Equatable {
    /// Enrol an authenticator: the account has none yet.
    case enrol
    /// Enter a code from the enrolled authenticator, or a recovery code.
    case secondFactor
}

/// A session a browser holds: its cookie value, and the session and user as they are now.
public struct ActiveSession: Sendable {
    public var id: String
    public var session: UserSession
    public var user: UserAccount
}

extension AccountService {
    /// Checks a name and password. - Returns: the new session's id (for a cookie) and what the login needs next;
    /// the session does nothing until the second factor is passed.
    /// - Throws: `AccountError`: the same `badCredentials`, after the same work, for a name no account has, a wrong
    ///   password, and an account that is locked or disabled, so a guesser learns nothing, not even that a guess
    ///   was right.
    public func login(name: String, password: String, address: String, userAgent: String) async throws -> (sessionID: String, next: LoginStep) {
        let now = self.now
        // A name no account can have is throttled as one key, so odd input never grows the throttle.
        let username = try? Username(validating: name)
        let key = username?.rawValue ?? "(invalid)"
        // The attempt is counted before the password is checked, so attempts sent at once cannot all pass.
        if let wait = throttle.withLock({ $0.reserve(account: key, address: address, now: now) }) { throw AccountError.throttled(after: wait) }
        func refuse(_ user: UserAccount?, reason: String) throws -> Never {
            // A name that is not a user's may be a password typed in the wrong field: the log keeps it as a digest.
            let target = user?.name.rawValue ?? (try? store.audit.valueDigest(name)) ?? "-"
            let audit = AuditEntry(
                actor: .anonymous, address: address, action: .loginFailed, succeeded: false, targets: [target], detail: ["reason": reason])
            try store.audit.append(audit, now: now)
            throw AccountError.badCredentials
        }
        guard let username, let user = try store.accounts.user(named: username.rawValue),
            let hash = try store.accounts.passwordHash(userID: user.id)
        else {
            _ = try await passwordMatches(password, hash: decoyHash)
            try refuse(nil, reason: "unknown_user")
        }
        let matches = try await passwordMatches(password, hash: hash)
        guard matches else { try refuse(user, reason: "password") }
        if user.disabledAt != nil { try refuse(user, reason: "disabled") }
        if user.lockedAt != nil { try refuse(user, reason: "locked") }
        let id = Secrets.token()
        try store.accounts.startSession(
            idHash: Secrets.digest(id), userID: user.id, csrfToken: Secrets.token(), address: address, userAgent: userAgent, now: now)
        throttle.withLock { $0.forgive(account: key, address: address, reservedAt: now) }
        return (id, user.hasSecondFactor ? .secondFactor : .enrol)
    }

    /// Passes the second factor with a code from the authenticator or an unused recovery code.
    /// - Returns: the session's new id: the id used before the second factor stops working.
    /// - Throws: `AccountError.badCode`; at `lockAfter` wrong codes in a row (the password was right, so it may
    ///   be known to someone else) the account locks until an admin unlocks it.
    public func passSecondFactor(sessionID: String, code: String, address: String) throws -> String {
        let now = self.now
        guard let found = try pendingSession(sessionID), found.user.hasSecondFactor else { throw AccountError.noSession }
        let user = found.user
        let key = user.name.rawValue
        if let wait = throttle.withLock({ $0.reserve(account: key, address: address, now: now) }) { throw AccountError.throttled(after: wait) }
        let how: String
        if let factor = try store.accounts.confirmedFactor(userID: user.id),
            let step = Self.matchingStep(secret: factor.secret, code: code, now: now),
            try store.accounts.useStep(step, factorID: factor.id)
        {
            how = "authenticator"
        } else if try store.accounts.useRecoveryCode(
            userID: user.id, codeHash: Secrets.recoveryCodeDigest(code), now: now)
        {
            how = "recovery_code"
        } else {
            let audit = AuditEntry(
                actor: .user(key), address: address, action: .loginFailed, succeeded: false, targets: [key], detail: ["reason": "second_factor"])
            _ = try store.accounts.recordFailedLogin(userID: user.id, lockAfter: configuration.throttle.lockAfter, audit: audit, now: now)
            throw AccountError.badCode
        }
        throttle.withLock { $0.forgive(account: key, address: address, reservedAt: now) }
        return try complete(sessionID: sessionID, user: user, address: address, detail: ["second_factor": how], now: now)
    }

    /// The session behind a cookie, if it lasts: ended when it timed out or its user is disabled, locked or reset.
    public func activeSession(_ id: String) throws -> ActiveSession? {
        let now = self.now
        let hash = Secrets.digest(id)
        guard let found = try store.accounts.session(idHash: hash) else { return nil }
        if found.user.disabledAt != nil || found.user.lockedAt != nil {
            try store.accounts.endSession(idHash: hash, reason: .revoked, audit: nil, now: now)
            return nil
        }
        if let end = configuration.sessions.expiry(
            createdAt: found.session.createdAt, lastSeenAt: found.session.lastSeenAt, complete: found.session.complete, now: now)
        {
            try store.accounts.endSession(idHash: hash, reason: end, audit: nil, now: now)
            return nil
        }
        // A write per page would be wasted: the idle timeout is minutes, so a few seconds' staleness is enough.
        if now.timeIntervalSince(found.session.lastSeenAt) > 10 { try store.accounts.touchSession(idHash: hash, now: now) }
        return ActiveSession(id: id, session: found.session, user: found.user)
    }

    /// Ends the session, as its user asked.
    public func logout(sessionID: String, address: String) throws {
        guard let found = try store.accounts.session(idHash: Secrets.digest(sessionID)) else { return }
        let audit = AuditEntry(actor: .user(found.user.name.rawValue), address: address, action: .logout)
        try store.accounts.endSession(idHash: Secrets.digest(sessionID), reason: .logout, audit: audit, now: now)
    }

    /// The user's sessions that last, newest first.
    public func sessions(of user: UserAccount) throws -> [UserSession] { try store.accounts.sessions(userID: user.id) }

    /// Ends one of the user's own sessions by its label.
    public func endSession(label: String, of user: UserAccount, address: String) throws -> Bool {
        let audit = AuditEntry(actor: .user(user.name.rawValue), address: address, action: .sessionEnd, targets: [label])
        return try store.accounts.endSession(label: label, userID: user.id, audit: audit, now: now)
    }

    /// A session that passed the password only, not yet timed out.
    func pendingSession(_ id: String) throws -> SessionLookup? {
        guard let found = try store.accounts.session(idHash: Secrets.digest(id)), !found.session.complete else { return nil }
        guard
            configuration.sessions.expiry(createdAt: found.session.createdAt, lastSeenAt: found.session.lastSeenAt, complete: false, now: now)
                == nil, found.user.disabledAt == nil, found.user.lockedAt == nil
        else { return nil }
        return found
    }

    func complete(sessionID: String, user: UserAccount, address: String, detail: [String: String], now: Date) throws -> String {
        let newID = Secrets.token()
        let audit = AuditEntry(actor: .user(user.name.rawValue), address: address, action: .login, detail: detail)
        guard
            try store.accounts.completeSession(
                idHash: Secrets.digest(sessionID), newIDHash: Secrets.digest(newID), csrfToken: Secrets.token(), audit: audit, now: now)
        else { throw AccountError.noSession }
        return newID
    }

    /// The time step whose code `code` is, among the current one and one either side (clocks drift).
    static func matchingStep(secret: Data, code: String, now: Date) -> Int64? {
        let digits = code.filter { !$0.isWhitespace }
        guard digits.count == 6, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
        let totp = TOTP(secret: String(decoding: secret, as: UTF8.self))
        let current = Int64(now.timeIntervalSince1970 / 30)
        for step in [current, current - 1, current + 1] where totp.compute(date: Date(timeIntervalSince1970: Double(step * 30))) == value {
            return step
        }
        return nil
    }
}
