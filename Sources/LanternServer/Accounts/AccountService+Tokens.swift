import Foundation
public import LanternCore
public import LanternStore

extension AccountService {
    /// The API tokens a user owns, revoked ones included, never their secrets.
    public func tokens(of user: UserAccount) throws -> [TokenInfo] {
        try store.tokens.owned(byUserID: user.id)
    }

    /// Revokes a token its owner names; it stops working at once. A token of someone else's is refused as if it did
    /// not exist, so a user learns nothing of others' tokens (admins revoke any token with `lantern token revoke`).
    public func revokeToken(_ id: String, by user: UserAccount, address: String) throws {
        let owner = try store.tokens.ownerID(ofToken: id)
        guard owner == user.id else {
            throw AccountError.forbidden("No token of yours has the id \(id).")
        }
        let audit = AuditEntry(actor: .user(user.name.rawValue), address: address, action: .tokenRevoke, targets: [id])
        do { try store.tokens.revoke(id: id, audit: audit, now: now) } catch let error as StoreError where error.isNotFound {
            throw AccountError.forbidden("No token of yours has the id \(id), or it is revoked already.")
        }
    }

    /// Every API token of the node with its owner, revoked ones included, never their secrets: for admins.
    public func allTokens(by admin: UserAccount) throws -> [TokenInfo] {
        guard admin.role.mayAdminister else { throw AccountError.forbidden("Only an admin lists every token.") }
        return try store.tokens.all()
    }

    /// Revokes any token, for an admin: it stops working at once.
    public func revokeAnyToken(_ id: String, by admin: UserAccount, address: String) throws {
        guard admin.role.mayAdminister else { throw AccountError.forbidden("Only an admin revokes another user's token.") }
        let audit = AuditEntry(actor: .user(admin.name.rawValue), address: address, action: .tokenRevoke, targets: [id])
        do { try store.tokens.revoke(id: id, audit: audit, now: now) } catch let error as StoreError where error.isNotFound {
            throw AccountError.forbidden("No active token has the id \(id).")
        }
    }
}
