public import Foundation
public import LanternCore
public import LanternServer
public import LanternStore

/// The home's named users, whether or not its node runs (`lantern user …`): like tokens, a change here reaches the
/// running node at its next request, so a disabled user's sessions and tokens stop at once. Each change is
/// recorded in the audit log as done from the home.
extension NodeHome {
    /// Adds a user. - Returns: the user and a temporary password, shown once; the first login changes it and
    /// enrols an authenticator.
    public func addUser(name: String, role: UserRole) async throws -> (user: UserAccount, password: String) {
        try await withAccounts { accounts in
            do { return try await accounts.addUser(name: name, role: role, by: .home, address: "local") } catch let error as ValidationError {
                throw NodeError.userRefused("\(error.field): \(error.reason)")
            } catch let error as StoreError {
                throw NodeError.userRefused(error.description)
            }
        }
    }

    /// Adds a user ready to log in, for demonstrations: `AccountService.addDemoUser`.
    public func addDemoUser(name: String, role: UserRole) async throws -> (user: UserAccount, password: String, authenticator: EnrolmentOffer) {
        try await withAccounts { accounts in
            do { return try await accounts.addDemoUser(name: name, role: role, by: .home, address: "local") } catch let error as ValidationError {
                throw NodeError.userRefused("\(error.field): \(error.reason)")
            } catch let error as StoreError {
                throw NodeError.userRefused(error.description)
            }
        }
    }

    /// Every user, by name.
    public func users() throws -> [UserAccount] {
        try withStore { try $0.accounts.users() }
    }

    /// Disables a user (their sessions and tokens stop at once) or enables them again.
    public func setUserDisabled(_ disabled: Bool, name: String) async throws -> UserAccount {
        try await withAccounts { accounts in try Self.naming(name) { try accounts.setDisabled(disabled, name: name, by: .home, address: "local") } }
    }

    /// Resets a user who lost their authenticator or password. - Returns: a new temporary password, shown once.
    public func resetUser(name: String) async throws -> (user: UserAccount, password: String) {
        try await withAccounts { accounts in
            do { return try await accounts.reset(name: name, by: .home, address: "local") } catch let error as StoreError where error.isNotFound {
                throw NodeError.userNotFound(name)
            }
        }
    }

    /// Unlocks an account locked by failed logins.
    public func unlockUser(name: String) async throws -> UserAccount {
        try await withAccounts { accounts in try Self.naming(name) { try accounts.unlock(name: name, by: .home, address: "local") } }
    }

    /// Creates an API token owned by `owner`, who may own no token that does more than they may. - Returns: the
    /// token and its secret, which nothing keeps.
    public func createToken(name: String, role: TokenRole, owner: String, now: Date = Date()) throws -> (info: TokenInfo, secret: String) {
        try withStore { store in
            guard let user = try store.accounts.user(named: owner) else { throw NodeError.userNotFound(owner) }
            guard user.disabledAt == nil else { throw NodeError.userRefused("--owner: \(owner) is disabled.") }
            guard user.role.mayOwnToken(role) else {
                throw NodeError.userRefused("--role: a user of role \(user.role.rawValue) may not own a token of role \(role.rawValue).")
            }
            let audit = AuditEntry(actor: .home, address: "local", action: .tokenCreate, detail: ["owner": owner, "role": role.rawValue])
            return try store.tokens.create(name: name, role: role, ownerID: user.id, audit: audit, now: now)
        }
    }

    private static func naming<T>(_ name: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as StoreError where error.isNotFound { throw NodeError.userNotFound(name) }
    }

    /// Opens the home's database with the account use cases for one use, and closes it after.
    func withAccounts<T: Sendable>(_ body: (AccountService) async throws -> T) async throws -> T {
        let configuration = try loadConfiguration()
        let store = try NodeStore(path: requireInitialized().database)
        defer { try? store.closeLeavingLog() }
        return try await body(AccountService(store: store, configuration: configuration.accountConfiguration))
    }
}
