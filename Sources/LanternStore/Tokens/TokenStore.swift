import Crypto
public import Foundation
import GRDB
public import LanternCore

/// The local API's bearer tokens, kept as digests.
///
/// Owns `api_tokens`.
public struct TokenStore: Sendable {
    let database: NodeStore
    var writer: DatabasePool { database.writer }
}

/// An API token as listed: never its secret.
public struct TokenInfo: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var role: TokenRole
    /// The user who owns it: tokens made before named users existed have none.
    public var owner: String?
    public var createdAt: Date
    public var revokedAt: Date?
}

extension TokenStore {
    /// Creates a token and returns its secret, which is shown once: only its SHA-256 digest is stored.
    ///
    /// Secrets are 256 random bits, so a fast digest is safe here; a slow password hash would only add latency
    /// to every request.
    public func create(
        name: String, role: TokenRole, ownerID: Int64? = nil, audit: AuditEntry? = nil, now: Date
    ) throws -> (
        info: TokenInfo, secret: String
    ) {
        var generator = SystemRandomNumberGenerator()
        let id = "tok_" + Hex.encode((0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let secret = "lnt_" + Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let info = try writer.write { db in
            try db.execute(
                sql: "INSERT INTO api_tokens (id, name, role, secret_hash, owner_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [id, name, role.rawValue, Self.digest(secret), ownerID, now.millisecondsSince1970])
            if var audit {
                audit.targets = [id]
                try AuditStore.append(audit, now: now, in: db)
            }
            return try Self.decodeToken(Row.fetchOne(db, sql: "\(Self.select) WHERE t.id = ?", arguments: [id])!)
        }
        return (info, secret)
    }

    /// The token a secret belongs to, if it exists, is not revoked and its owner (if any) is neither disabled nor
    /// locked.
    public func authenticate(secret: String) throws -> TokenInfo? {
        try writer.read { db in
            try Row.fetchOne(
                db, sql: "\(Self.select) WHERE t.secret_hash = ? AND t.revoked_at IS NULL AND u.disabled_at IS NULL AND u.locked_at IS NULL",
                arguments: [Self.digest(secret)]
            ).map(Self.decodeToken)
        }
    }

    public func all() throws -> [TokenInfo] {
        try writer.read { db in try Row.fetchAll(db, sql: "\(Self.select) ORDER BY t.created_at, t.id").map(Self.decodeToken) }
    }

    /// The tokens a user owns.
    public func owned(byUserID userID: Int64) throws -> [TokenInfo] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "\(Self.select) WHERE t.owner_id = ? ORDER BY t.created_at, t.id", arguments: [userID]).map(Self.decodeToken)
        }
    }

    /// The owner's id of a token, for a check that a user revokes only their own.
    public func ownerID(ofToken id: String) throws -> Int64? {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT owner_id FROM api_tokens WHERE id = ?", arguments: [id]) }
    }

    static let select = "SELECT t.*, u.name AS owner_name FROM api_tokens t LEFT JOIN users u ON u.id = t.owner_id"

    /// Revokes a token; it stops working at once.
    public func revoke(id: String, audit: AuditEntry? = nil, now: Date) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [now.millisecondsSince1970, id])
            if db.changesCount == 0 { throw StoreError.tokenNotFound(id) }
            if let audit { try AuditStore.append(audit, now: now, in: db) }
        }
    }

    /// Revokes every token still valid, in one transaction: what a restore does, since a backup cannot know which
    /// tokens were revoked after it was taken. - Returns: how many were revoked.
    @discardableResult
    public func revokeAll(now: Date) throws -> Int {
        try writer.write { db in
            try db.execute(sql: "UPDATE api_tokens SET revoked_at = ? WHERE revoked_at IS NULL", arguments: [now.millisecondsSince1970])
            return db.changesCount
        }
    }

    static func decodeToken(_ row: Row) -> TokenInfo {
        TokenInfo(
            id: row["id"], name: row["name"], role: TokenRole(rawValue: row["role"]) ?? .auditor, owner: row["owner_name"],
            createdAt: Date(milliseconds: row["created_at"]), revokedAt: (row["revoked_at"] as Int64?).map(Date.init(milliseconds:)))
    }

    static func digest(_ secret: String) -> Data { Data(SHA256.hash(data: Data(secret.utf8))) }
}
