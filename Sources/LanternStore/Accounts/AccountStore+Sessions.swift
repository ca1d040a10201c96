public import Foundation
import GRDB
public import LanternCore

/// A session found by its id, with its user as they are now.
public struct SessionLookup: Sendable {
    public var session: UserSession
    public var user: UserAccount
}

extension AccountStore {
    /// Starts a session for a user who gave the right password; `complete` once the second factor is passed.
    public func startSession(
        idHash: Data, userID: Int64, csrfToken: String, address: String, userAgent: String, now: Date
    ) throws {
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO user_sessions (id_hash, user_id, complete, csrf_token, address, user_agent, created_at, last_seen_at)
                    VALUES (?, ?, 0, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    idHash, userID, csrfToken, address, String(userAgent.prefix(200)), now.millisecondsSince1970, now.millisecondsSince1970,
                ])
        }
    }

    /// The session with this id's digest, if it has not ended.
    public func session(idHash: Data) throws -> SessionLookup? {
        try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM user_sessions WHERE id_hash = ? AND ended_at IS NULL", arguments: [idHash])
            else { return nil }
            return SessionLookup(session: Self.decodeSession(row), user: try Self.user(id: row["user_id"], in: db))
        }
    }

    /// Marks a session as having passed the second factor, under a new id (so an id seen before the login is worth
    /// nothing after it) and a new CSRF token.
    /// - Returns: false when the session had ended meanwhile (nothing changes, nothing is recorded).
    public func completeSession(idHash: Data, newIDHash: Data, csrfToken: String, audit: AuditEntry, now: Date) throws -> Bool {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE users SET failed_logins = 0 WHERE id = (SELECT user_id FROM user_sessions WHERE id_hash = ? AND ended_at IS NULL)",
                arguments: [idHash])
            try db.execute(
                sql: """
                    UPDATE user_sessions SET id_hash = ?, complete = 1, csrf_token = ?, last_seen_at = ?
                    WHERE id_hash = ? AND ended_at IS NULL
                    """,
                arguments: [newIDHash, csrfToken, now.millisecondsSince1970, idHash])
            guard db.changesCount == 1 else { return false }
            try AuditStore.append(audit, now: now, in: db)
            return true
        }
    }

    /// Records that a session was used at `now`.
    public func touchSession(idHash: Data, now: Date) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE user_sessions SET last_seen_at = ? WHERE id_hash = ? AND ended_at IS NULL",
                arguments: [now.millisecondsSince1970, idHash])
        }
    }

    /// Ends one session, recording why when someone ended it (a timeout needs no record).
    public func endSession(idHash: Data, reason: SessionEnd, audit: AuditEntry?, now: Date) throws {
        try writer.write { db in
            if let audit { try AuditStore.append(audit, now: now, in: db) }
            try db.execute(
                sql: "UPDATE user_sessions SET ended_at = ?, end_reason = ? WHERE id_hash = ? AND ended_at IS NULL",
                arguments: [now.millisecondsSince1970, reason.rawValue, idHash])
        }
    }

    /// Ends a user's session by its label, as the session list shows it. - Returns: whether one was ended.
    public func endSession(label: String, userID: Int64, audit: AuditEntry, now: Date) throws -> Bool {
        try writer.write { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT id_hash FROM user_sessions WHERE user_id = ? AND ended_at IS NULL", arguments: [userID])
            guard let hash = rows.map({ $0["id_hash"] as Data }).first(where: { Self.label($0) == label }) else { return false }
            try db.execute(
                sql: "UPDATE user_sessions SET ended_at = ?, end_reason = ? WHERE id_hash = ?",
                arguments: [now.millisecondsSince1970, SessionEnd.logout.rawValue, hash])
            try AuditStore.append(audit, now: now, in: db)
            return true
        }
    }

    /// The user's sessions that have not ended, newest first.
    public func sessions(userID: Int64) throws -> [UserSession] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM user_sessions WHERE user_id = ? AND ended_at IS NULL ORDER BY created_at DESC",
                arguments: [userID]
            ).map(Self.decodeSession)
        }
    }

    /// Ends every session of every user, recording why: what a restore does, since the backup cannot know which
    /// sessions ended after it was taken.
    public func endAllSessions(audit: AuditEntry, now: Date) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE user_sessions SET ended_at = ?, end_reason = ? WHERE ended_at IS NULL",
                arguments: [now.millisecondsSince1970, SessionEnd.revoked.rawValue])
            try AuditStore.append(audit, now: now, in: db)
        }
    }

    static func endSessions(userID: Int64, reason: SessionEnd, except keep: Data?, now: Date, in db: Database) throws {
        try db.execute(
            sql: "UPDATE user_sessions SET ended_at = ?, end_reason = ? WHERE user_id = ? AND ended_at IS NULL AND id_hash IS NOT ?",
            arguments: [now.millisecondsSince1970, reason.rawValue, userID, keep])
    }

    static func label(_ idHash: Data) -> String { Hex.encode(Array(idHash.prefix(6))) }

    static func decodeSession(_ row: Row) -> UserSession {
        UserSession(
            label: label(row["id_hash"]), userID: row["user_id"], complete: row["complete"], csrfToken: row["csrf_token"],
            address: row["address"], userAgent: row["user_agent"], createdAt: Date(milliseconds: row["created_at"]),
            lastSeenAt: Date(milliseconds: row["last_seen_at"]))
    }
}
