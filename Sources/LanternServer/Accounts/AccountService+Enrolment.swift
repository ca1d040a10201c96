import Foundation
import HummingbirdOTP
public import LanternCore
import LanternStore
import Synchronization

/// An authenticator key offered for enrolment: the key as text to type, and the `otpauth://` address a QR code
/// carries.
public struct EnrolmentOffer: Sendable, Equatable {
    /// The key in base 32, as authenticator apps take it typed, in groups of four.
    public var key: String
    public var address: String
}

extension AccountService {
    /// Offers a new authenticator key: at the first login (the session passed the password, the account has no
    /// authenticator) or from the account page (a complete session). The enrolled one stays until a code confirms
    /// the new one.
    public func beginEnrolment(sessionID: String) throws -> EnrolmentOffer {
        let user = try enrollingUser(sessionID)
        let secret = Secrets.authenticatorKey()
        _ = try store.accounts.beginEnrolment(userID: user.id, secret: Data(secret.utf8), now: now)
        return Self.offer(secret: secret, user: user, issuer: configuration.issuer)
    }

    /// The enrolment in progress, offered again (a reloaded page shows the same key).
    public func pendingEnrolment(sessionID: String) throws -> EnrolmentOffer? {
        let user = try enrollingUser(sessionID)
        guard let factor = try store.accounts.pendingFactor(userID: user.id) else { return nil }
        return Self.offer(secret: String(decoding: factor.secret, as: UTF8.self), user: user, issuer: configuration.issuer)
    }

    /// Confirms the enrolment with a code from the new authenticator. - Returns: ten new recovery codes, shown
    /// once, and the session's new id when this completed a login.
    public func confirmEnrolment(sessionID: String, code: String, address: String) throws -> (recoveryCodes: [String], sessionID: String) {
        let now = self.now
        let user = try enrollingUser(sessionID)
        guard let factor = try store.accounts.pendingFactor(userID: user.id) else {
            throw AccountError.wrongStep("No enrolment is in progress; start it again.")
        }
        guard let step = Self.matchingStep(secret: factor.secret, code: code, now: now) else { throw AccountError.badCode }
        let (codes, digests) = Secrets.recoveryCodes()
        let audit = AuditEntry(actor: .user(user.name.rawValue), address: address, action: .enrol)
        guard
            try store.accounts.confirmEnrolment(
                factorID: factor.id, userID: user.id, step: step,
                recoveryCodeHashes: digests,
                keepingSession: Secrets.digest(sessionID), audit: audit, now: now)
        else { throw AccountError.wrongStep("The enrolment was replaced; start it again.") }
        if try store.accounts.session(idHash: Secrets.digest(sessionID))?.session.complete == true { return (codes, sessionID) }
        return (codes, try complete(sessionID: sessionID, user: user, address: address, detail: ["second_factor": "enrolled"], now: now))
    }

    /// Adds a user for a demonstration or a test setup, ready to log in: an authenticator key enrolled now and the
    /// printed password kept. Whoever runs this knows both factors, so it is no way to give a person an account.
    public func addDemoUser(
        name: String, role: UserRole, by actor: AuditActor, address: String
    ) async throws -> (
        user: UserAccount, password: String, authenticator: EnrolmentOffer
    ) {
        let (user, password) = try await addUser(name: name, role: role, by: actor, address: address)
        let secret = Secrets.authenticatorKey()
        let factor = try store.accounts.beginEnrolment(userID: user.id, secret: Data(secret.utf8), now: now)
        let audit = AuditEntry(actor: actor, address: address, action: .enrol, targets: [user.name.rawValue], detail: ["demo": "true"])
        _ = try store.accounts.confirmEnrolment(
            factorID: factor.id, userID: user.id, step: 0, recoveryCodeHashes: [], keepingSession: nil, audit: audit, now: now)
        try store.accounts.keepPassword(userID: user.id, now: now)
        return (try store.accounts.user(id: user.id) ?? user, password, Self.offer(secret: secret, user: user, issuer: configuration.issuer))
    }

    /// New recovery codes for a logged-in user, replacing the old ones.
    public func regenerateRecoveryCodes(for user: UserAccount, address: String) throws -> [String] {
        let (codes, digests) = Secrets.recoveryCodes()
        try store.accounts.replaceRecoveryCodes(
            userID: user.id, hashes: digests,
            audit: AuditEntry(actor: .user(user.name.rawValue), address: address, action: .recoveryCodes), now: now)
        return codes
    }

    public func recoveryCodesLeft(for user: UserAccount) throws -> Int { try store.accounts.recoveryCodesLeft(userID: user.id) }

    /// Changes the password of a logged-in user, who gives the current one; every other session of theirs ends.
    public func changePassword(session: ActiveSession, current: String, new: String, address: String) async throws {
        try configuration.passwordRules.check(new, for: session.user.name, field: "new_password")
        guard new != current else {
            throw ValidationError(field: "new_password", reason: "The new password must differ from the current one.")
        }
        try await confirmPassword(session: session, password: current, address: address)
        let newHash = try await hashPassword(new)
        try store.accounts.changePassword(
            userID: session.user.id, passwordHash: newHash, keepingSession: Secrets.digest(session.id),
            audit: AuditEntry(actor: .user(session.user.name.rawValue), address: address, action: .passwordChange), now: now)
    }

    /// Checks the current password of a logged-in user before a change to how they log in, so a stolen session
    /// alone cannot take the account over. Wrong passwords are throttled and recorded like a login's.
    public func confirmPassword(session: ActiveSession, password: String, address: String) async throws {
        let now = self.now
        let key = session.user.name.rawValue
        if let wait = throttle.withLock({ $0.reserve(account: key, address: address, now: now) }) { throw AccountError.throttled(after: wait) }
        guard let hash = try store.accounts.passwordHash(userID: session.user.id), try await passwordMatches(password, hash: hash) else {
            let audit = AuditEntry(
                actor: .user(key), address: address, action: .loginFailed, succeeded: false, targets: [key], detail: ["reason": "current_password"])
            try store.audit.append(audit, now: now)
            throw AccountError.badCurrentPassword
        }
        throttle.withLock { $0.forgive(account: key, address: address, reservedAt: now) }
    }

    /// The user a session may enrol for: a complete session, or one that passed the password of an account with
    /// no authenticator yet.
    func enrollingUser(_ sessionID: String) throws -> UserAccount {
        if let active = try activeSession(sessionID), active.session.complete { return active.user }
        guard let pending = try pendingSession(sessionID), !pending.user.hasSecondFactor else { throw AccountError.noSession }
        return pending.user
    }

    static func offer(secret: String, user: UserAccount, issuer: String) -> EnrolmentOffer {
        let totp = TOTP(secret: secret)
        let address = totp.createAuthenticatorURL(label: "\(issuer):\(user.name.rawValue)", issuer: issuer)
        let key = address.split(separator: "secret=").last?.prefix(while: { $0 != "&" }) ?? ""
        let grouped = stride(from: 0, to: key.count, by: 4).map { offset -> String in
            let start = key.index(key.startIndex, offsetBy: offset)
            return String(key[start..<(key.index(start, offsetBy: 4, limitedBy: key.endIndex) ?? key.endIndex)])
        }
        return EnrolmentOffer(key: grouped.joined(separator: " "), address: address)
    }
}
