extension NodeStore {
    /// Migration v7: named users with their second factors, recovery codes and sessions; the audit log; API tokens
    /// owned by a user, with the read-only `auditor` role.
    static let accountsAndAuditSchema = """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role = 'admin' OR role = 'investigator' OR role = 'auditor'),
            password_hash TEXT NOT NULL,
            must_change_password INTEGER NOT NULL CHECK (must_change_password IN (0, 1)),
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_at INTEGER,
            disabled_at INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;

        -- Second factors. `kind` leaves room for WebAuthn keys beside authenticator apps: a key keeps its credential
        -- id and public key in `credential` and its signature counter in `counter`, and has no `secret`. A factor
        -- without `confirmed_at` is an enrolment not yet proven by a code.
        CREATE TABLE user_factors (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users (id),
            kind TEXT NOT NULL CHECK (kind = 'totp' OR kind = 'webauthn'),
            secret BLOB,
            credential BLOB,
            counter INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            confirmed_at INTEGER
        ) STRICT;
        CREATE INDEX user_factors_by_user ON user_factors (user_id);

        CREATE TABLE recovery_codes (
            user_id INTEGER NOT NULL REFERENCES users (id),
            code_hash BLOB NOT NULL,
            used_at INTEGER,
            PRIMARY KEY (user_id, code_hash)
        ) STRICT, WITHOUT ROWID;

        -- Sessions by the SHA-256 of their id: the cookie's value is never stored. `complete` is 0 until the second
        -- factor is passed.
        CREATE TABLE user_sessions (
            id_hash BLOB PRIMARY KEY NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users (id),
            complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
            csrf_token TEXT NOT NULL,
            address TEXT NOT NULL,
            user_agent TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            ended_at INTEGER,
            end_reason TEXT
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX user_sessions_by_user ON user_sessions (user_id, created_at);

        -- Append-only and hash-chained: each record's hash covers its fields and the hash before it.
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            actor_kind TEXT NOT NULL,
            actor TEXT NOT NULL,
            actor_owner TEXT,
            address TEXT NOT NULL,
            action TEXT NOT NULL,
            succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1)),
            targets TEXT NOT NULL,
            detail TEXT NOT NULL,
            prev_hash BLOB NOT NULL,
            hash BLOB NOT NULL
        ) STRICT;
        CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
        CREATE INDEX audit_log_by_action ON audit_log (action, seq);
        CREATE INDEX audit_log_by_time ON audit_log (at);
        CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: a record cannot be changed.'); END;
        CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: a record cannot be deleted.'); END;

        -- The same tokens with an owner (null for tokens made before users existed) and the auditor's role.
        CREATE TABLE api_tokens_v7 (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'investigator', 'integration', 'auditor')),
            secret_hash BLOB NOT NULL UNIQUE,
            owner_id INTEGER REFERENCES users (id),
            created_at INTEGER NOT NULL,
            revoked_at INTEGER
        ) STRICT;
        INSERT INTO api_tokens_v7 (id, name, role, secret_hash, created_at, revoked_at)
            SELECT id, name, role, secret_hash, created_at, revoked_at FROM api_tokens;
        DROP TABLE api_tokens;
        ALTER TABLE api_tokens_v7 RENAME TO api_tokens;
        CREATE INDEX api_tokens_by_owner ON api_tokens (owner_id);
        """
}
