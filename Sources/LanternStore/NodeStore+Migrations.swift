import GRDB

extension NodeStore {
    /// The schema's history. A migration that has shipped is never edited: changes go in a new one.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-node") { db in
            try db.execute(
                sql: """
                    CREATE TABLE node_meta (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    ) STRICT;

                    CREATE TABLE participants (
                        id TEXT PRIMARY KEY NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('tech', 'financial')),
                        financial_opt_in INTEGER NOT NULL DEFAULT 0 CHECK (financial_opt_in IN (0, 1)),
                        name TEXT
                    ) STRICT;

                    -- Live signals, this node's own and those received. `revision` is the origin's counter at the
                    -- last change; `seq` is this node's change sequence, which increases with every write.
                    CREATE TABLE signals (
                        id TEXT PRIMARY KEY NOT NULL,
                        origin TEXT NOT NULL,
                        revision INTEGER NOT NULL,
                        seq INTEGER NOT NULL UNIQUE,
                        type TEXT NOT NULL,
                        value TEXT NOT NULL,
                        raw_value TEXT NOT NULL,
                        attributes TEXT NOT NULL,
                        tags TEXT NOT NULL,
                        taxonomy_version TEXT NOT NULL,
                        severity TEXT NOT NULL,
                        review_status TEXT NOT NULL,
                        audience TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        context TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX signals_by_expiry ON signals (expires_at);

                    -- What remains of a removed or expired signal until every copy is gone: no content.
                    CREATE TABLE removals (
                        id TEXT PRIMARY KEY NOT NULL,
                        origin TEXT NOT NULL,
                        revision INTEGER NOT NULL,
                        seq INTEGER NOT NULL UNIQUE,
                        type TEXT NOT NULL,
                        removed_at INTEGER NOT NULL,
                        reason TEXT NOT NULL
                    ) STRICT;

                    -- A removal is final: no write path may bring a removed signal back.
                    CREATE TRIGGER signals_removal_is_final BEFORE INSERT ON signals
                    WHEN EXISTS (SELECT 1 FROM removals WHERE id = NEW.id)
                    BEGIN
                        SELECT RAISE(ABORT, 'this signal was removed');
                    END;

                    -- The permanent record for transparency figures: type, day and reason only.
                    CREATE TABLE removal_log (
                        type TEXT NOT NULL,
                        removed_on TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        count INTEGER NOT NULL,
                        PRIMARY KEY (type, removed_on, reason)
                    ) STRICT;

                    CREATE TABLE api_tokens (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('admin', 'investigator', 'integration')),
                        secret_hash BLOB NOT NULL UNIQUE,
                        created_at INTEGER NOT NULL,
                        revoked_at INTEGER
                    ) STRICT;

                    -- How far each import has committed, in the same transaction as its batches, so an interrupted
                    -- import resumes after the last committed line instead of adding it all again.
                    CREATE TABLE imports (
                        id TEXT PRIMARY KEY NOT NULL,
                        lines_committed INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    ) STRICT;

                    -- The program's signed participant registry in force (one row), exactly as signed.
                    CREATE TABLE registry (
                        singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
                        version INTEGER NOT NULL,
                        payload TEXT NOT NULL,
                        signature TEXT NOT NULL,
                        loaded_at INTEGER NOT NULL
                    ) STRICT;

                    -- The peers this node exchanges signals with.
                    CREATE TABLE peers (
                        participant TEXT PRIMARY KEY NOT NULL,
                        url TEXT NOT NULL,
                        added_at INTEGER NOT NULL
                    ) STRICT;

                    -- The hash chains this node holds, its own and received ones, and its position in each.
                    CREATE TABLE chains (
                        id INTEGER PRIMARY KEY,
                        origin TEXT NOT NULL,
                        scope TEXT NOT NULL,
                        epoch TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        hash BLOB NOT NULL,
                        UNIQUE (origin, scope)
                    ) STRICT;

                    -- Every event of every chain held, in the chain's current epoch. An event's previous hash is
                    -- the hash of the event before it. Upsert bodies are not kept: they are rebuilt from the live
                    -- signal, so a superseded or removed signal's content exists nowhere. Removal bodies (type, date
                    -- and reason) are kept.
                    CREATE TABLE chain_events (
                        chain INTEGER NOT NULL,
                        seq INTEGER NOT NULL,
                        signal_id TEXT NOT NULL,
                        revision INTEGER NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('upsert', 'remove', 'retract')),
                        body_digest BLOB NOT NULL,
                        body BLOB,
                        hash BLOB NOT NULL,
                        PRIMARY KEY (chain, seq)
                    ) STRICT, WITHOUT ROWID;

                    -- Heads the origins signed, at the ends of the batches they published.
                    CREATE TABLE chain_heads (
                        chain INTEGER NOT NULL,
                        seq INTEGER NOT NULL,
                        hash BLOB NOT NULL,
                        signature TEXT NOT NULL,
                        PRIMARY KEY (chain, seq)
                    ) STRICT;

                    -- The scope each of this node's own signals was last published in, so the chain builder knows
                    -- where to retract it from when its audience changes and where to publish its removal.
                    CREATE TABLE chain_signals (
                        signal_id TEXT PRIMARY KEY NOT NULL,
                        scope TEXT NOT NULL,
                        revision INTEGER NOT NULL
                    ) STRICT;

                    -- Received signals this node was dropped from (their audience changed), with the revision, so
                    -- an older copy arriving through a stale relay cannot bring them back.
                    CREATE TABLE retractions (
                        signal_id TEXT PRIMARY KEY NOT NULL,
                        origin TEXT NOT NULL,
                        revision INTEGER NOT NULL
                    ) STRICT;

                    CREATE TABLE taxonomies (
                        version TEXT PRIMARY KEY NOT NULL,
                        document TEXT NOT NULL,
                        loaded_at INTEGER NOT NULL
                    ) STRICT;
                    """)
        }
        migrator.registerMigration("v2-federation") { db in
            try db.execute(
                sql: """
                    -- The certificate each origin's heads are signed with, as received with its chains, so this node
                    -- can relay those chains: a receiver checks the certificate against its registry itself.
                    CREATE TABLE origin_certificates (
                        participant TEXT PRIMARY KEY NOT NULL,
                        certificate TEXT NOT NULL,
                        received_at INTEGER NOT NULL
                    ) STRICT;

                    -- Reactions to signals: this node's own (reactor = this node) and those received on its own
                    -- signals. `seq` only increases, so the chain builder publishes a reactor's changes in order;
                    -- `revision` is the reactor's counter. An empty `reactions` is a withdrawal, kept until published.
                    CREATE TABLE reactions (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        signal_id TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        reactor TEXT NOT NULL,
                        revision INTEGER NOT NULL,
                        reactions TEXT NOT NULL,
                        reacted_at INTEGER NOT NULL,
                        UNIQUE (signal_id, reactor)
                    ) STRICT;
                    CREATE INDEX reactions_by_reactor ON reactions (reactor, seq);

                    -- A signal's reactions go with it: when it is removed or expires, and when this node leaves its
                    -- audience.
                    CREATE TRIGGER reactions_go_with_removal AFTER INSERT ON removals
                    BEGIN
                        DELETE FROM reactions WHERE signal_id = NEW.id;
                    END;
                    CREATE TRIGGER reactions_go_with_retraction AFTER INSERT ON retractions
                    BEGIN
                        DELETE FROM reactions WHERE signal_id = NEW.signal_id;
                    END;

                    -- On a tech participant's node: each financial institution's signed view of the registry in
                    -- force, handed to that institution when it asks (it never sees the full registry).
                    CREATE TABLE registry_views (
                        participant TEXT PRIMARY KEY NOT NULL,
                        version INTEGER NOT NULL,
                        payload TEXT NOT NULL,
                        signature TEXT NOT NULL
                    ) STRICT;

                    -- Proofs of removals received (the event and a head its origin signed at it), kept with the
                    -- tombstone so an origin restored from an older backup can learn its removals back.
                    CREATE TABLE removal_proofs (
                        signal_id TEXT PRIMARY KEY NOT NULL,
                        origin TEXT NOT NULL,
                        proof TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX removal_proofs_by_origin ON removal_proofs (origin, signal_id);

                    -- Chains gain a 'snapshot' event: in a new epoch, the point by which every live signal has been
                    -- published again. SQLite cannot change a CHECK constraint in place, so the table is rebuilt.
                    CREATE TABLE chain_events_v2 (
                        chain INTEGER NOT NULL,
                        seq INTEGER NOT NULL,
                        signal_id TEXT NOT NULL,
                        revision INTEGER NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('upsert', 'remove', 'retract', 'snapshot')),
                        body_digest BLOB NOT NULL,
                        body BLOB,
                        hash BLOB NOT NULL,
                        PRIMARY KEY (chain, seq)
                    ) STRICT, WITHOUT ROWID;
                    INSERT INTO chain_events_v2 SELECT chain, seq, signal_id, revision, kind, body_digest, body, hash FROM chain_events;
                    DROP TABLE chain_events;
                    ALTER TABLE chain_events_v2 RENAME TO chain_events;
                    """)
        }
        migrator.registerMigration("v3-tombstones") { db in
            try db.execute(
                sql: """
                    -- Where each peer says it stands in the chains this node serves (its acknowledgement), so a
                    -- chain is compacted once every entitled peer holds all of it.
                    CREATE TABLE peer_acks (
                        peer TEXT NOT NULL,
                        chain INTEGER NOT NULL,
                        epoch TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        at INTEGER NOT NULL,
                        PRIMARY KEY (peer, chain)
                    ) STRICT;
                    -- A retraction takes a change sequence number like a removal, so whatever follows the change
                    -- log (the matchers) sees a signal leave when this node drops it.
                    ALTER TABLE retractions ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
                    CREATE INDEX retractions_by_seq ON retractions (seq);
                    """)
        }
        migrator.registerMigration("v4-review") { db in
            // What a trigger does when the signal `id` goes (part of this migration: never edit it).
            func forget(_ id: String) -> String {
                """
                UPDATE review_items SET item_value = NULL, reason = NULL, note = NULL, claimed_by = NULL, claimed_by_name = NULL,
                    claimed_at = NULL, claimed_from = NULL, item_key = 'gone:' || id,
                    status = CASE WHEN status IN ('open', 'claimed', 'held', 'needs_info') THEN 'withdrawn' ELSE status END
                WHERE signal_id = \(id);
                UPDATE review_decisions SET note = NULL WHERE item_id IN (SELECT id FROM review_items WHERE signal_id = \(id));
                UPDATE signal_flags SET status = 'withdrawn' WHERE signal_id = \(id) AND status = 'flagged';
                """
            }
            try db.execute(
                sql: """
                    -- One row per matched (item, signal) of a received signal: repeats of the same pair count here
                    -- instead of queueing again. `item_key` is a digest of the company's reference, the item's type
                    -- and its value. When the signal goes, an undecided item is withdrawn and the item's value, key,
                    -- reason and notes go: what remains of the signal is its id, origin and type, as in `removals`.
                    CREATE TABLE review_items (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        signal_id TEXT NOT NULL,
                        item_key TEXT NOT NULL,
                        ref TEXT,
                        item_type TEXT NOT NULL,
                        item_value TEXT,
                        signal_type TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        reason TEXT,
                        status TEXT NOT NULL,
                        match_count INTEGER NOT NULL,
                        first_matched_at INTEGER NOT NULL,
                        last_matched_at INTEGER NOT NULL,
                        claimed_by TEXT,
                        claimed_by_name TEXT,
                        claimed_at INTEGER,
                        -- The status a claim returns to when released: open or needs_info.
                        claimed_from TEXT,
                        decided_by_name TEXT,
                        decided_at INTEGER,
                        actions TEXT NOT NULL DEFAULT '',
                        note TEXT,
                        UNIQUE (signal_id, item_key)
                    ) STRICT;
                    CREATE INDEX review_items_by_status ON review_items (status, id);
                    CREATE INDEX review_items_by_signal_time ON review_items (signal_id, first_matched_at);

                    -- Every decision taken, in order: who, when, what and which reactions it sent.
                    CREATE TABLE review_decisions (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        item_id INTEGER NOT NULL REFERENCES review_items (id),
                        decision TEXT NOT NULL,
                        actions TEXT NOT NULL,
                        reactions TEXT NOT NULL,
                        note TEXT,
                        decided_by TEXT NOT NULL,
                        decided_by_name TEXT NOT NULL,
                        decided_at INTEGER NOT NULL
                    ) STRICT;
                    CREATE INDEX review_decisions_by_item ON review_decisions (item_id, seq);

                    -- Signals flagged for matching unusually often, and what was decided about them.
                    CREATE TABLE signal_flags (
                        signal_id TEXT PRIMARY KEY NOT NULL,
                        signal_type TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        items INTEGER NOT NULL,
                        flagged_at INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        decided_by_name TEXT,
                        decided_at INTEGER
                    ) STRICT;

                    -- A signal's review items lose its traces when it goes: removed, expired, or this node left its
                    -- audience (a retraction is inserted, or an older one updated).
                    CREATE TRIGGER review_items_go_with_removal AFTER INSERT ON removals
                    BEGIN \(forget("NEW.id")) END;
                    CREATE TRIGGER review_items_go_with_retraction AFTER INSERT ON retractions
                    BEGIN \(forget("NEW.signal_id")) END;
                    CREATE TRIGGER review_items_go_with_renewed_retraction AFTER UPDATE OF seq ON retractions
                    BEGIN \(forget("NEW.signal_id")) END;
                    """)
        }
        migrator.registerMigration("v5-chain-event-check") { db in
            try db.execute(
                sql: """
                    -- The same table with the kind check written as comparisons: SQLite checked `kind IN (four
                    -- values)` through a temporary index built for every inserted event, a sixth of the time a
                    -- received event took to store. Nothing else changes.
                    CREATE TABLE chain_events_v5 (
                        chain INTEGER NOT NULL,
                        seq INTEGER NOT NULL,
                        signal_id TEXT NOT NULL,
                        revision INTEGER NOT NULL,
                        kind TEXT NOT NULL CHECK (kind = 'upsert' OR kind = 'remove' OR kind = 'retract' OR kind = 'snapshot'),
                        body_digest BLOB NOT NULL,
                        body BLOB,
                        hash BLOB NOT NULL,
                        PRIMARY KEY (chain, seq)
                    ) STRICT, WITHOUT ROWID;
                    INSERT INTO chain_events_v5 SELECT chain, seq, signal_id, revision, kind, body_digest, body, hash FROM chain_events;
                    DROP TABLE chain_events;
                    ALTER TABLE chain_events_v5 RENAME TO chain_events;
                    """)
        }
        migrator.registerMigration("v6-removal-check-in-insert") { db in
            // A removal stays final without a trigger program for every inserted row (a seventh of a received
            // signal's write): this node's own writes use a statement that refuses an id with a tombstone, and a
            // received batch applies only what was planned from the tombstones read in its transaction
            // (`SignalCodec.insertSQL`).
            try db.execute(sql: "DROP TRIGGER signals_removal_is_final")
        }
        migrator.registerMigration("v7-accounts-and-audit") { db in
            try db.execute(sql: accountsAndAuditSchema)
        }
        migrator.registerMigration("v8-signal-revisions") { db in
            try db.execute(sql: signalRevisionsSchema)
        }
        return migrator
    }()
}
