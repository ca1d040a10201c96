public import Foundation
import HummingbirdBcrypt
public import LanternCore
public import LanternStore
import NIOPosix
import Synchronization

/// Named users and their logins: the use cases the CLI, the UI and the admin pages call.
///
/// Passwords are hashed with bcrypt off the request threads; every change to an account commits with its audit
/// record in one transaction (`AccountStore` takes the entry).
public final class AccountService: Sendable {
    public let store: NodeStore
    public let configuration: AccountConfiguration
    let throttle: Mutex<LoginThrottle>
    let clock: @Sendable () -> Date
    /// A bcrypt hash of a random password at the configured cost, checked when a login names no user.
    let decoyHash: String
    /// The audit log's last verification, for the audit page.
    let lastAuditCheck = Mutex<(result: AuditVerification, at: Date)?>(nil)

    public init(store: NodeStore, configuration: AccountConfiguration = AccountConfiguration(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.configuration = configuration
        self.throttle = Mutex(LoginThrottle(limits: configuration.throttle))
        self.clock = clock
        self.decoyHash = Bcrypt.hash(Secrets.token(), cost: configuration.bcryptCost)
    }

    var now: Date { Date(timeIntervalSince1970: (clock().timeIntervalSince1970 * 1000).rounded(.down) / 1000) }

    /// Adds a user with a temporary password, returned once: the first login changes it and enrols an
    /// authenticator.
    public func addUser(
        name: String, role: UserRole, by actor: AuditActor, address: String
    ) async throws -> (
        user: UserAccount, password: String
    ) {
        let username = try Username(validating: name)
        let password = Self.temporaryPassword()
        let hash = try await hashPassword(password)
        let audit = AuditEntry(actor: actor, address: address, action: .userAdd, targets: [username.rawValue], detail: ["role": role.rawValue])
        return (try store.accounts.addUser(name: username, role: role, passwordHash: hash, audit: audit, now: now), password)
    }

    public func users() throws -> [UserAccount] { try store.accounts.users() }

    public func user(named name: String) throws -> UserAccount? { try store.accounts.user(named: name) }

    /// Disables a user (every session and token of theirs stops at once) or enables them again.
    public func setDisabled(_ disabled: Bool, name: String, by actor: AuditActor, address: String) throws -> UserAccount {
        let audit = AuditEntry(actor: actor, address: address, action: disabled ? .userDisable : .userEnable, targets: [name])
        return try store.accounts.setDisabled(disabled, name: name, audit: audit, now: now)
    }

    /// Resets a user: a new temporary password (returned once), the authenticator and recovery codes removed, the
    /// account unlocked and every session ended. The next login enrols again.
    public func reset(name: String, by actor: AuditActor, address: String) async throws -> (user: UserAccount, password: String) {
        let password = Self.temporaryPassword()
        let hash = try await hashPassword(password)
        let audit = AuditEntry(actor: actor, address: address, action: .userReset, targets: [name])
        return (try store.accounts.reset(name: name, passwordHash: hash, audit: audit, now: now), password)
    }

    /// Unlocks an account locked by failed logins.
    public func unlock(name: String, by actor: AuditActor, address: String) throws -> UserAccount {
        try store.accounts.unlock(name: name, audit: AuditEntry(actor: actor, address: address, action: .userUnlock, targets: [name]), now: now)
    }

    func hashPassword(_ password: String) async throws -> String {
        let cost = configuration.bcryptCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func passwordMatches(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// 20 characters of 62 (119 bits), given to the person once and changed at the first login.
    static func temporaryPassword() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
