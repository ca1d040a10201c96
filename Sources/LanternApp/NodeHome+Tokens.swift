public import Foundation
public import LanternCore
public import LanternStore

/// The home's API tokens, whether or not its node runs: the database is in WAL mode, so a write here waits for the
/// running node's transaction and the node sees it at its next request.
extension NodeHome {
    /// Creates a token and returns it with its secret, which nothing keeps: only its digest is stored.
    public func createToken(name: String, role: TokenRole, now: Date = Date()) throws -> (info: TokenInfo, secret: String) {
        try withStore { store in
            try store.tokens.create(
                name: name, role: role,
                audit: AuditEntry(actor: .home, address: "local", action: .tokenCreate, detail: ["role": role.rawValue]), now: now)
        }
    }

    /// Every token, revoked ones included, without secrets.
    public func tokens() throws -> [TokenInfo] {
        try withStore { try $0.tokens.all() }
    }

    /// Revokes a token; it stops working at once. A token that does not exist is `NodeError.tokenNotFound`.
    public func revokeToken(id: String, now: Date = Date()) throws {
        try withStore { store in
            let audit = AuditEntry(actor: .home, address: "local", action: .tokenRevoke, targets: [id])
            do { try store.tokens.revoke(id: id, audit: audit, now: now) } catch let error as StoreError where error.isNotFound {
                throw NodeError.tokenNotFound(id)
            }
        }
    }

    /// Opens the home's database for one use and closes it after, whatever `body` does. It leaves the write-ahead
    /// log to the node, which may be running: a checkpoint here would wait for its readers and hold up its writes.
    func withStore<T>(_ body: (NodeStore) throws -> T) throws -> T {
        let store = try NodeStore(path: requireInitialized().database)
        defer { try? store.closeLeavingLog() }
        return try body(store)
    }
}
