public import Foundation
import GRDB
public import LanternCore

/// What this node knows of the federation: the signed participant registry (and the views kept for financial
/// institutions), its peers, and where each peer stands in this node's chains.
///
/// Owns `registry`, `registry_views`, `peers` and `peer_acks`.
public struct FederationStore: Sendable {
    let database: NodeStore
    var writer: DatabasePool { database.writer }
}

/// A signed participant registry as stored: the version and the exact signed bytes.
public struct StoredRegistry: Sendable, Equatable {
    public var version: UInt64
    public var payload: String
    public var signature: String

    public init(version: UInt64, payload: String, signature: String) {
        self.version = version
        self.payload = payload
        self.signature = signature
    }
}

/// A configured peer.
public struct PeerRecord: Sendable, Equatable {
    public var participant: ParticipantID
    public var url: String
    public var addedAt: Date
}

extension FederationStore {
    /// Replaces the registry in force and the participant list it implies, in one transaction. The caller has
    /// verified the signature and that the version is newer.
    ///
    /// `views` are the financial institutions' views of the same version. They replace those held; a view held for an
    /// institution the new registry still lists is kept when `views` has none for it (a registry loaded or relayed
    /// without its views must not strip them), and the views of participants it no longer lists as institutions go.
    public func saveRegistry(
        _ registry: StoredRegistry, participants: [Participant], views: [ParticipantID: StoredRegistry] = [:], now: Date
    ) throws {
        try writer.write { db in
            if let current = try Int64.fetchOne(db, sql: "SELECT version FROM registry"), UInt64(current) >= registry.version {
                throw StoreError.staleRegistry(current: UInt64(current), offered: registry.version)
            }
            try db.execute(
                sql: """
                    INSERT INTO registry (singleton, version, payload, signature, loaded_at) VALUES (1, ?, ?, ?, ?)
                    ON CONFLICT (singleton) DO UPDATE SET version = excluded.version, payload = excluded.payload,
                        signature = excluded.signature, loaded_at = excluded.loaded_at
                    """,
                arguments: [Int64(clamping: registry.version), registry.payload, registry.signature, now.millisecondsSince1970])
            try db.execute(sql: "DELETE FROM participants")
            for participant in participants { try DirectoryStore.upsert(participant, in: db) }
            let institutions = Set(participants.filter { $0.role == .financial }.map(\.id.rawValue))
            for id in try String.fetchAll(db, sql: "SELECT participant FROM registry_views") where !institutions.contains(id) {
                try db.execute(sql: "DELETE FROM registry_views WHERE participant = ?", arguments: [id])
            }
            try Self.upsertViews(views, in: db)
        }
    }

    /// Adds the views of the registry in force that this node lacks or holds only in an older version (a bundle of
    /// the version in force that carries them, after the registry itself came without). - Returns: how many.
    @discardableResult
    public func saveRegistryViews(_ views: [ParticipantID: StoredRegistry]) throws -> Int {
        try writer.write { db in
            let held = Dictionary(
                try Row.fetchAll(db, sql: "SELECT participant, version FROM registry_views").map {
                    ($0["participant"] as String, $0["version"] as Int64)
                }, uniquingKeysWith: { $1 })
            let current = try Int64.fetchOne(db, sql: "SELECT version FROM registry") ?? 0
            let wanted = views.filter { Int64(clamping: $0.value.version) == current && (held[$0.key.rawValue] ?? -1) < current }
            try Self.upsertViews(wanted, in: db)
            return wanted.count
        }
    }

    static func upsertViews(_ views: [ParticipantID: StoredRegistry], in db: Database) throws {
        for (id, view) in views {
            try db.execute(
                sql: """
                    INSERT INTO registry_views (participant, version, payload, signature) VALUES (?, ?, ?, ?)
                    ON CONFLICT (participant) DO UPDATE SET version = excluded.version, payload = excluded.payload,
                        signature = excluded.signature
                    """,
                arguments: [id.rawValue, Int64(clamping: view.version), view.payload, view.signature])
        }
    }

    /// The financial institutions' views of the registry in force.
    public func registryViews() throws -> [ParticipantID: StoredRegistry] {
        try writer.read { db in
            var views: [ParticipantID: StoredRegistry] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT participant, version, payload, signature FROM registry_views") {
                guard let id = ParticipantID(row["participant"] as String) else { continue }
                views[id] = StoredRegistry(version: UInt64(max(0, row["version"] as Int64)), payload: row["payload"], signature: row["signature"])
            }
            return views
        }
    }

    /// The registry in force, if one was loaded.
    public func registry() throws -> StoredRegistry? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT version, payload, signature FROM registry").map {
                StoredRegistry(version: UInt64(max(0, $0["version"] as Int64)), payload: $0["payload"], signature: $0["signature"])
            }
        }
    }

    /// Adds a peer or changes its URL.
    public func savePeer(_ participant: ParticipantID, url: String, now: Date) throws {
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO peers (participant, url, added_at) VALUES (?, ?, ?)
                    ON CONFLICT (participant) DO UPDATE SET url = excluded.url
                    """,
                arguments: [participant.rawValue, url, now.millisecondsSince1970])
        }
    }

    /// Removes a peer. - Returns: whether it was configured.
    @discardableResult
    public func removePeer(_ participant: ParticipantID) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM peers WHERE participant = ?", arguments: [participant.rawValue])
            return db.changesCount > 0
        }
    }

    public func peers() throws -> [PeerRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT participant, url, added_at FROM peers ORDER BY participant").compactMap { row in
                guard let id = ParticipantID(row["participant"]) else { return nil }
                return PeerRecord(participant: id, url: row["url"], addedAt: Date(milliseconds: row["added_at"]))
            }
        }
    }
}
