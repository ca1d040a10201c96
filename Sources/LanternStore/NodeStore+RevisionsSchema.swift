extension NodeStore {
    /// Migration v8: the revisions of this node's own signals.
    static let signalRevisionsSchema = """
        -- Each change this node made to one of its own signals: the revision it took, when, who (the audit actor),
        -- and the fields it changed, as JSON `[{field, from, to}]`. Written in the change's transaction; the value
        -- never changes (it makes the id), so it is never here.
        CREATE TABLE signal_revisions (
            signal_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            changed_at INTEGER NOT NULL,
            changed_by TEXT,
            changes TEXT NOT NULL,
            PRIMARY KEY (signal_id, revision)
        ) STRICT, WITHOUT ROWID;

        -- A signal's history goes with it: after a removal or expiry only the type and date remain.
        CREATE TRIGGER signal_revisions_go_with_removal AFTER INSERT ON removals
        BEGIN
            DELETE FROM signal_revisions WHERE signal_id = NEW.id;
        END;
        """
}
