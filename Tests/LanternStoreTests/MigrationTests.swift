import Foundation
import GRDB
import LanternTesting
import Testing

@testable import LanternStore

/// A database written by the first release opens under the current one with nothing lost.
@Suite struct MigrationTests {
    @Test func aVersionOneDatabaseUpgradesInPlace() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("node.sqlite")
        // SQLite's process-wide options are set before this test opens a connection of its own.
        _ = NodeStore.sqliteTuned
        do {
            let queue = try DatabaseQueue(path: path)
            try NodeStore.migrator.migrate(queue, upTo: "v1-node")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO chains (id, origin, scope, epoch, seq, hash) VALUES (1, 'bravo', 'all', 'e', 1, x'00')")
                try db.execute(
                    sql:
                        "INSERT INTO chain_events (chain, seq, signal_id, revision, kind, body_digest, body, hash) VALUES (1, 1, 'S', 1, 'upsert', x'01', NULL, x'02')"
                )
            }
        }
        let store = try NodeStore(path: path)
        #expect(
            try store.appliedMigrations() == [
                "v1-node", "v2-federation", "v3-tombstones", "v4-review", "v5-chain-event-check", "v6-removal-check-in-insert",
                "v7-accounts-and-audit", "v8-signal-revisions",
            ])
        #expect(try store.integrityCheck() == ["ok"])
        try store.writer.write { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM chain_events WHERE chain = 1 AND kind = 'upsert'") == 1)
            // v3 adds the peers' acknowledgements.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM peer_acks") == 0)
            // v4 adds the review queue.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM review_items") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM signal_flags") == 0)
            // v8 adds the own signals' revisions.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM signal_revisions") == 0)
            // The rebuilt table takes the new event kind and still refuses unknown ones.
            try db.execute(
                sql:
                    "INSERT INTO chain_events (chain, seq, signal_id, revision, kind, body_digest, hash) VALUES (1, 2, '', 0, 'snapshot', x'01', x'03')"
            )
            #expect(throws: (any Error).self) {
                try db.execute(
                    sql:
                        "INSERT INTO chain_events (chain, seq, signal_id, revision, kind, body_digest, hash) VALUES (1, 3, '', 0, 'other', x'01', x'04')"
                )
            }
            for kind in ["remove", "retract"] {
                try db.execute(
                    sql: "INSERT INTO chain_events (chain, seq, signal_id, revision, kind, body_digest, hash) VALUES (1, ?, '', 0, ?, x'01', x'05')",
                    arguments: [kind == "remove" ? 4 : 5, kind])
            }
            // v5 checks the kind without a temporary index per insert.
            let program = try Row.fetchAll(
                db,
                sql:
                    "EXPLAIN INSERT INTO chain_events (chain, seq, signal_id, revision, kind, body_digest, hash) VALUES (1, 9, '', 0, 'upsert', x'01', x'05')"
            ).map { $0["opcode"] as String }
            #expect(!program.contains("OpenEphemeral"))
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM chain_events WHERE chain = 1") == 4)
        }
    }
}
