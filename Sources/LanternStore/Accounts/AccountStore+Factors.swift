public import Foundation
import GRDB
public import LanternCore

/// An authenticator app's key, enrolled or being enrolled.
public struct TOTPFactor: Sendable, Equatable {
    public var id: Int64
    public var secret: Data
    /// The last time step a code was accepted for: a code is good once.
    public var lastUsedStep: Int64
    public var confirmed: Bool
}

extension AccountStore {
    /// Starts an enrolment with a new key, replacing any enrolment not yet confirmed. An enrolled authenticator stays
    /// in force until the new one is confirmed.
    public func beginEnrolment(userID: Int64, secret: Data, now: Date) throws -> TOTPFactor {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM user_factors WHERE user_id = ? AND confirmed_at IS NULL", arguments: [userID])
            try db.execute(
                sql: "INSERT INTO user_factors (user_id, kind, secret, created_at) VALUES (?, 'totp', ?, ?)",
                arguments: [userID, secret, now.millisecondsSince1970])
            return TOTPFactor(id: db.lastInsertedRowID, secret: secret, lastUsedStep: 0, confirmed: false)
        }
    }

    /// The enrolment in progress, if any.
    public func pendingFactor(userID: Int64) throws -> TOTPFactor? {
        try factor(userID: userID, confirmed: false)
    }

    /// The enrolled authenticator, if any.
    public func confirmedFactor(userID: Int64) throws -> TOTPFactor? {
        try factor(userID: userID, confirmed: true)
    }

    /// Confirms an enrolment that a code for `step` proved: it replaces the enrolled authenticator, the new recovery
    /// codes replace the old ones, and every other session of the user ends (whoever held the old authenticator is
    /// out), in one transaction. Fails if the enrolment is gone.
    public func confirmEnrolment(
        factorID: Int64, userID: Int64, step: Int64, recoveryCodeHashes: [Data], keepingSession keep: Data?, audit: AuditEntry, now: Date
    ) throws -> Bool {
        try writer.write { db in
            guard
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM user_factors WHERE id = ? AND user_id = ? AND confirmed_at IS NULL", arguments: [factorID, userID])
                    != nil
            else { return false }
            try db.execute(sql: "DELETE FROM user_factors WHERE user_id = ? AND id != ?", arguments: [userID, factorID])
            try db.execute(
                sql: "UPDATE user_factors SET confirmed_at = ?, counter = ? WHERE id = ?",
                arguments: [now.millisecondsSince1970, step, factorID])
            try db.execute(sql: "DELETE FROM recovery_codes WHERE user_id = ?", arguments: [userID])
            for hash in recoveryCodeHashes {
                try db.execute(sql: "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", arguments: [userID, hash])
            }
            try AccountStore.endSessions(userID: userID, reason: .revoked, except: keep, now: now, in: db)
            try AuditStore.append(audit, now: now, in: db)
            return true
        }
    }

    /// Accepts a code's time step once: false if this step or a later one was used already (a replayed code).
    public func useStep(_ step: Int64, factorID: Int64) throws -> Bool {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE user_factors SET counter = ? WHERE id = ? AND counter < ? AND confirmed_at IS NOT NULL",
                arguments: [step, factorID, step])
            return db.changesCount == 1
        }
    }

    /// Spends a recovery code: true if it was unused, and it is used from now on.
    public func useRecoveryCode(userID: Int64, codeHash: Data, now: Date) throws -> Bool {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
                arguments: [now.millisecondsSince1970, userID, codeHash])
            return db.changesCount == 1
        }
    }

    /// How many recovery codes the user has left.
    public func recoveryCodesLeft(userID: Int64) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL", arguments: [userID]) ?? 0
        }
    }

    /// Replaces the user's recovery codes.
    public func replaceRecoveryCodes(userID: Int64, hashes: [Data], audit: AuditEntry, now: Date) throws {
        try writer.write { db in
            try AuditStore.append(audit, now: now, in: db)
            try db.execute(sql: "DELETE FROM recovery_codes WHERE user_id = ?", arguments: [userID])
            for hash in hashes {
                try db.execute(sql: "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", arguments: [userID, hash])
            }
        }
    }

    private func factor(userID: Int64, confirmed: Bool) throws -> TOTPFactor? {
        try writer.read { db in
            let condition = confirmed ? "confirmed_at IS NOT NULL" : "confirmed_at IS NULL"
            return try Row.fetchOne(
                db, sql: "SELECT id, secret, counter FROM user_factors WHERE user_id = ? AND kind = 'totp' AND \(condition)",
                arguments: [userID]
            ).map { TOTPFactor(id: $0["id"], secret: $0["secret"], lastUsedStep: $0["counter"], confirmed: confirmed) }
        }
    }
}
