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
    public var createdAt: Date
    public var revokedAt: Date?
}

extension TokenStore {
    /// Creates a token and returns its secret, which is shown once: only its SHA-256 digest is stored.
    ///
    /// Secrets are 256 random bits, so a fast digest is safe here; a slow password hash would only add latency
    /// to every request.
    public func create(name: String, role: TokenRole, now: Date) throws -> (info: TokenInfo, secret: String) {
        var generator = SystemRandomNumberGenerator()
        let id = "tok_" + Hex.encode((0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let secret = "lnt_" + Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let info = TokenInfo(id: id, name: name, role: role, createdAt: now, revokedAt: nil)
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO api_tokens (id, name, role, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, name, role.rawValue, Self.digest(secret), now.millisecondsSince1970])
        }
        return (info, secret)
    }

    /// The token a secret belongs to, if it exists and is not revoked.
    public func authenticate(secret: String) throws -> TokenInfo? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_tokens WHERE secret_hash = ? AND revoked_at IS NULL", arguments: [Self.digest(secret)])
                .map(Self.decodeToken)
        }
    }

    public func all() throws -> [TokenInfo] {
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM api_tokens ORDER BY created_at, id").map(Self.decodeToken) }
    }

    /// Revokes a token; it stops working at once.
    public func revoke(id: String, now: Date) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [now.millisecondsSince1970, id])
            if db.changesCount == 0 { throw StoreError.tokenNotFound(id) }
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
            id: row["id"], name: row["name"], role: TokenRole(rawValue: row["role"]) ?? .integration,
            createdAt: Date(milliseconds: row["created_at"]), revokedAt: (row["revoked_at"] as Int64?).map(Date.init(milliseconds:)))
    }

    static func digest(_ secret: String) -> Data { Data(SHA256.hash(data: Data(secret.utf8))) }
}
