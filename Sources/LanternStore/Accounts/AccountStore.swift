public import Foundation
import GRDB
public import LanternCore

/// Named users, their second factors and recovery codes.
///
/// Owns `users`, `user_factors` and `recovery_codes`; sessions are in `AccountStore+Sessions`. Passwords come in
/// hashed and codes as digests: the store never sees a secret a person types.
public struct AccountStore: Sendable {
    let database: NodeStore
    var writer: DatabasePool { database.writer }
}

extension AccountStore {
    /// Adds a user who must choose a password and enrol an authenticator at the first login.
    public func addUser(name: Username, role: UserRole, passwordHash: String, audit: AuditEntry, now: Date) throws -> UserAccount {
        try writer.write { db in
            if try Self.userRow(named: name.rawValue, in: db) != nil { throw StoreError.userExists(name.rawValue) }
            try db.execute(
                sql: """
                    INSERT INTO users (name, role, password_hash, must_change_password, created_at, updated_at)
                    VALUES (?, ?, ?, 1, ?, ?)
                    """,
                arguments: [name.rawValue, role.rawValue, passwordHash, now.millisecondsSince1970, now.millisecondsSince1970])
            let id = db.lastInsertedRowID
            try AuditStore.append(audit, now: now, in: db)
            return try Self.user(id: id, in: db)
        }
    }

    public func user(named name: String) throws -> UserAccount? {
        try writer.read { db in try Self.userRow(named: name, in: db).map { try Self.decodeUser($0, in: db) } }
    }

    public func user(id: Int64) throws -> UserAccount? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map { try Self.decodeUser($0, in: db) }
        }
    }

    /// Every user, by name.
    public func users() throws -> [UserAccount] {
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY name").map { try Self.decodeUser($0, in: db) } }
    }

    /// The stored bcrypt hash of a user's password, for the service to check a login against.
    public func passwordHash(userID: Int64) throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM users WHERE id = ?", arguments: [userID]) }
    }

    /// Disables or enables a user; disabling ends every session of theirs in the same transaction.
    public func setDisabled(_ disabled: Bool, name: String, audit: AuditEntry, now: Date) throws -> UserAccount {
        try writer.write { db in
            let id = try Self.existingID(named: name, in: db)
            try db.execute(
                sql: "UPDATE users SET disabled_at = ?, updated_at = ? WHERE id = ?",
                arguments: [disabled ? now.millisecondsSince1970 : nil, now.millisecondsSince1970, id])
            if disabled { try Self.endSessions(userID: id, reason: .revoked, except: nil, now: now, in: db) }
            try AuditStore.append(audit, now: now, in: db)
            return try Self.user(id: id, in: db)
        }
    }

    /// Resets a user who lost their authenticator or password: a new password to change at the next login, no
    /// second factor or recovery codes (so the next login enrols again), unlocked, every session ended and every
    /// token of theirs revoked.
    public func reset(name: String, passwordHash: String, audit: AuditEntry, now: Date) throws -> UserAccount {
        try writer.write { db in
            let id = try Self.existingID(named: name, in: db)
            try db.execute(
                sql: """
                    UPDATE users SET password_hash = ?, must_change_password = 1, failed_logins = 0, locked_at = NULL,
                    updated_at = ? WHERE id = ?
                    """,
                arguments: [passwordHash, now.millisecondsSince1970, id])
            try db.execute(sql: "DELETE FROM user_factors WHERE user_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM recovery_codes WHERE user_id = ?", arguments: [id])
            try Self.endSessions(userID: id, reason: .revoked, except: nil, now: now, in: db)
            // A reset answers a lost or stolen factor: the user's tokens go too.
            try db.execute(
                sql: "UPDATE api_tokens SET revoked_at = ? WHERE owner_id = ? AND revoked_at IS NULL", arguments: [now.millisecondsSince1970, id])
            try AuditStore.append(audit, now: now, in: db)
            return try Self.user(id: id, in: db)
        }
    }

    /// Unlocks an account locked by failed logins.
    public func unlock(name: String, audit: AuditEntry, now: Date) throws -> UserAccount {
        try writer.write { db in
            let id = try Self.existingID(named: name, in: db)
            try db.execute(
                sql: "UPDATE users SET failed_logins = 0, locked_at = NULL, updated_at = ? WHERE id = ?",
                arguments: [now.millisecondsSince1970, id])
            try AuditStore.append(audit, now: now, in: db)
            return try Self.user(id: id, in: db)
        }
    }

    /// Counts a wrong second-factor code with its record and locks the account at `lockAfter` in a row (the count
    /// starts again at a login that passes), recording the lock and ending the user's sessions in the same
    /// transaction. Wrong passwords are not counted here: anyone may type them. - Returns: the account.
    public func recordFailedLogin(userID: Int64, lockAfter: Int?, audit: AuditEntry, now: Date) throws -> UserAccount {
        try writer.write { db in
            try AuditStore.append(audit, now: now, in: db)
            let before = try Self.user(id: userID, in: db)
            let locks = lockAfter.map { before.lockedAt == nil && before.failedLogins + 1 >= $0 } ?? false
            try db.execute(
                sql: "UPDATE users SET failed_logins = failed_logins + 1, locked_at = coalesce(locked_at, ?) WHERE id = ?",
                arguments: [locks ? now.millisecondsSince1970 : nil, userID])
            if locks {
                var lock = audit
                lock.action = .userLock
                lock.succeeded = true
                lock.detail = ["after_failures": String(before.failedLogins + 1)]
                try AuditStore.append(lock, now: now, in: db)
                try Self.endSessions(userID: userID, reason: .revoked, except: nil, now: now, in: db)
            }
            return try Self.user(id: userID, in: db)
        }
    }

    /// Sets a new password the user chose, and ends their other sessions.
    public func changePassword(userID: Int64, passwordHash: String, keepingSession keep: Data?, audit: AuditEntry, now: Date) throws {
        try writer.write { db in
            try AuditStore.append(audit, now: now, in: db)
            try db.execute(
                sql: "UPDATE users SET password_hash = ?, must_change_password = 0, updated_at = ? WHERE id = ?",
                arguments: [passwordHash, now.millisecondsSince1970, userID])
            try Self.endSessions(userID: userID, reason: .revoked, except: keep, now: now, in: db)
        }
    }

    /// Lets a demo user keep the password they were given.
    public func keepPassword(userID: Int64, now: Date) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE users SET must_change_password = 0, updated_at = ? WHERE id = ?", arguments: [now.millisecondsSince1970, userID])
        }
    }

    static func userRow(named name: String, in db: Database) throws -> Row? {
        try Row.fetchOne(db, sql: "SELECT * FROM users WHERE name = ?", arguments: [name])
    }

    static func existingID(named name: String, in db: Database) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE name = ?", arguments: [name]) else {
            throw StoreError.userNotFound(name)
        }
        return id
    }

    static func user(id: Int64, in db: Database) throws -> UserAccount {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]) else {
            throw StoreError.userNotFound("#\(id)")
        }
        return try decodeUser(row, in: db)
    }

    static func decodeUser(_ row: Row, in db: Database) throws -> UserAccount {
        let id: Int64 = row["id"]
        let rawName: String = row["name"]
        guard let name = try? Username(validating: rawName), let role = UserRole(rawValue: row["role"]) else {
            throw StoreError.corrupt("user '\(rawName)'")
        }
        let enrolled = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM user_factors WHERE user_id = ? AND confirmed_at IS NOT NULL)", arguments: [id])
        return UserAccount(
            id: id, name: name, role: role, mustChangePassword: row["must_change_password"], failedLogins: row["failed_logins"],
            lockedAt: (row["locked_at"] as Int64?).map(Date.init(milliseconds:)),
            disabledAt: (row["disabled_at"] as Int64?).map(Date.init(milliseconds:)), hasSecondFactor: enrolled ?? false,
            createdAt: Date(milliseconds: row["created_at"]))
    }
}
