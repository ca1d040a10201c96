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
    /// - Throws: `AccountError`: the same `badCredentials` for an unknown name and a wrong password.
    public func login(name: String, password: String, address: String, userAgent: String) async throws -> (sessionID: String, next: LoginStep) {
        let now = self.now
        if let wait = throttle.withLock({ $0.attempt(account: name, address: address, now: now) }) {
            try store.audit.append(
                AuditEntry(
                    actor: .anonymous, address: address, action: .loginFailed, succeeded: false, targets: [name], detail: ["reason": "throttled"]),
                now: now)
            throw AccountError.throttled(after: wait)
        }
        guard let user = try store.accounts.user(named: name), let hash = try store.accounts.passwordHash(userID: user.id) else {
            // Spend the time a real check takes, so a stranger cannot tell unknown names by the answer's speed.
            _ = try await passwordMatches(password, hash: decoyHash)
            try store.audit.append(
                AuditEntry(
                    actor: .anonymous, address: address, action: .loginFailed, succeeded: false, targets: [name], detail: ["reason": "unknown_user"]),
                now: now)
            throw AccountError.badCredentials
        }
        guard try await passwordMatches(password, hash: hash) else {
            let audit = AuditEntry(
                actor: .anonymous, address: address, action: .loginFailed, succeeded: false, targets: [name], detail: ["reason": "password"])
            _ = try store.accounts.recordFailedLogin(userID: user.id, lockAfter: configuration.throttle.lockAfter, audit: audit, now: now)
            throw AccountError.badCredentials
        }
        if user.disabledAt != nil || user.lockedAt != nil {
            let reason = user.disabledAt != nil ? "disabled" : "locked"
            try store.audit.append(
                AuditEntry(actor: .anonymous, address: address, action: .loginFailed, succeeded: false, targets: [name], detail: ["reason": reason]),
                now: now)
            throw user.disabledAt != nil ? AccountError.disabled : AccountError.locked
        }
        let id = Secrets.token()
        try store.accounts.startSession(
            idHash: Secrets.digest(id), userID: user.id, csrfToken: Secrets.token(), address: address, userAgent: userAgent, now: now)
        return (id, user.hasSecondFactor ? .secondFactor : .enrol)
    }

    /// Passes the second factor with a code from the authenticator or an unused recovery code.
    /// - Returns: the session's new id: the id used before the second factor stops working.
    public func passSecondFactor(sessionID: String, code: String, address: String) throws -> String {
        let now = self.now
        guard let found = try pendingSession(sessionID), found.user.hasSecondFactor else { throw AccountError.noSession }
        let user = found.user
        if let wait = throttle.withLock({ $0.attempt(account: user.name.rawValue, address: address, now: now) }) {
            throw AccountError.throttled(after: wait)
        }
        var how = "authenticator"
        if let factor = try store.accounts.confirmedFactor(userID: user.id),
            let step = Self.matchingStep(secret: factor.secret, code: code, now: now),
            try store.accounts.useStep(step, factorID: factor.id)
        {
            how = "authenticator"
        } else if try store.accounts.useRecoveryCode(
            userID: user.id, codeHash: Secrets.digest(Secrets.normalizedRecoveryCode(code)), now: now)
        {
            how = "recovery_code"
        } else {
            let audit = AuditEntry(
                actor: .anonymous, address: address, action: .loginFailed, succeeded: false, targets: [user.name.rawValue],
                detail: ["reason": "second_factor"])
            let after = try store.accounts.recordFailedLogin(userID: user.id, lockAfter: configuration.throttle.lockAfter, audit: audit, now: now)
            if after.lockedAt != nil { try store.accounts.endSession(idHash: Secrets.digest(sessionID), reason: .revoked, audit: nil, now: now) }
            throw AccountError.badCode
        }
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
        try store.accounts.completeSession(
            idHash: Secrets.digest(sessionID), newIDHash: Secrets.digest(newID), csrfToken: Secrets.token(), audit: audit, now: now)
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
