public import Foundation
public import LanternCore
import LanternPKI
public import LanternServer
import LanternStore

/// A new home made from a backup, refusing whatever could bring back what the program removed or revoked since.
extension NodeHome {
    /// What a restore is given.
    public struct Restoring: Sendable {
        /// The backup file, as `backup(to:)` wrote it.
        public var backup: URL
        /// The restored node's settings.
        public var configuration: NodeConfiguration
        /// The federation's tombstone age bound: an older backup is refused unless `acceptResurrection`.
        public var tombstoneMaxAge: TimeInterval
        /// Restore a backup older than the bound although signals removed after it may come back.
        public var acceptResurrection = false
        /// For a federated node: a directory with its node.pem, node-key.pem and ca.pem (the key is not in a backup).
        public var certificates: URL?
        /// For a federated node: the program's current registry file, not older than the backup's.
        public var registry: URL?

        public init(backup: URL, configuration: NodeConfiguration = NodeConfiguration(), tombstoneMaxAge: TimeInterval) {
            self.backup = backup
            self.configuration = configuration
            self.tombstoneMaxAge = tombstoneMaxAge
        }
    }

    /// What a restore made.
    public struct Restored: Sendable, Equatable {
        public var participant: ParticipantID
        /// Live signals in the restored node.
        public var signals: Int
        /// The backup's tokens, all revoked: the backup cannot tell which were revoked after it was taken.
        public var revokedTokens: Int
    }

    /// Makes this home, which must not hold a node yet, from `restoring.backup`: checks the copy's integrity, its
    /// age and its registry, installs the credentials and the registry given, starts a new epoch of the node's
    /// chains (peers may hold more of them than the backup), revokes every token of the backup and writes the CLI
    /// a fresh admin token. Anything refused or failed leaves no database, credentials, token or configuration behind.
    public func restore(_ restoring: Restoring, now: Date = Date()) throws -> Restored {
        guard !isInitialized else { throw NodeError.restoreRefused("\(path) already holds a node; restore into a new directory.") }
        guard FileManager.default.fileExists(atPath: restoring.backup.path) else {
            throw NodeError.restoreFailed("Cannot read \(restoring.backup.path).")
        }
        do { _ = try restoring.configuration.validated() } catch { throw NodeError.restoreRefused("\(error)") }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        try FileManager.default.copyItem(atPath: restoring.backup.path, toPath: database)
        var opened: NodeStore?
        var checked = false
        do {
            let store = try NodeStore(path: database)
            opened = store
            let problems = try store.integrityCheck()
            guard problems == ["ok"] else {
                throw NodeError.restoreFailed("The backup fails its integrity check: \(problems.prefix(3).joined(separator: "; ")).")
            }
            let participant = try store.directory.localParticipantID()
            try Self.checkAge(of: store, restoring, now: now)
            let verified = try Self.registry(of: store, participant: participant, restoring)
            checked = true
            if let certificates = restoring.certificates { try installCredentials(from: certificates) }
            if let verified { try Self.save(verified, in: store) }
            try store.chains.startNewEpoch()
            let revoked = try store.tokens.revokeAll(now: now)
            let (_, secret) = try store.tokens.create(name: "cli (restored)", role: .admin, now: now)
            try store.accounts.endAllSessions(
                audit: AuditEntry(actor: .home, address: "local", action: .restore, detail: ["revoked_tokens": String(revoked)]), now: now)
            try writeSecret(secret, to: tokenFile)
            try saveConfiguration(restoring.configuration)
            let restored = Restored(participant: participant, signals: try store.signals.count(), revokedTokens: revoked)
            try store.close()
            return restored
        } catch {
            // Nothing half-made stays: a retry finds an empty home.
            try? opened?.closeLeavingLog()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
            for item in [tlsDirectory, tokenFile, configFile] { try? FileManager.default.removeItem(at: item) }
            if let error = error as? NodeError { throw error }
            if checked { throw NodeError.restoreFailed("The restore from \(restoring.backup.path) failed: \(error)") }
            throw NodeError.restoreFailed("\(restoring.backup.path) is not a LanternNode backup: \(error)")
        }
    }

    /// Peers collect removal proofs after the age bound: an older backup could bring back signals that were removed
    /// after it was taken, and nobody could tell this node any more.
    static func checkAge(of store: NodeStore, _ restoring: Restoring, now: Date) throws {
        guard !restoring.acceptResurrection else { return }
        guard let taken = try store.backedUpAt() else {
            throw NodeError.restoreRefused(
                "The backup does not say when it was taken (it predates LanternNode recording it), so it may be older than the "
                    + "tombstone age bound. Use a newer backup, or --accept-resurrection.")
        }
        let age = now.timeIntervalSince(taken)
        if age > restoring.tombstoneMaxAge {
            throw NodeError.restoreRefused(
                "The backup was taken \(Int(age / 86_400)) days ago, longer than the tombstone age bound: peers may have "
                    + "forgotten removals made since. Use a newer backup, or --accept-resurrection.")
        }
    }

    /// The registry the restored node starts with, for a federated backup: the one given, if it is not older than
    /// the backup's. Nil when the backup holds no registry and none is given.
    static func registry(of store: NodeStore, participant: ParticipantID, _ restoring: Restoring) throws -> VerifiedRegistry? {
        let held = try store.federation.registry()
        if held != nil, restoring.certificates == nil || restoring.registry == nil {
            throw NodeError.restoreRefused(
                "The backup is of a federated node: give its certificate directory with --certs (its key is not in the backup) and the "
                    + "program's current registry with --registry, so the node does not go back to the backup's registry.")
        }
        guard let certificates = restoring.certificates else {
            if restoring.registry != nil { throw NodeError.restoreRefused("--registry needs --certs, whose ca.pem verifies it.") }
            return nil
        }
        guard let role = try store.directory.participants()[participant]?.role else {
            throw NodeError.restoreFailed("The backup does not list its own participant \(participant).")
        }
        let credentials: FederationCredentials
        do { credentials = try Self.credentials(in: certificates, for: ParticipantIdentity(participant: participant, role: role)) } catch {
            throw NodeError.restoreRefused("--certs: \(error)")
        }
        guard let file = restoring.registry else { return nil }
        let verified: VerifiedRegistry
        do { verified = try Self.registry(in: file, for: credentials) } catch { throw NodeError.restoreRefused("--registry: \(error)") }
        if let held, verified.registry.version < held.version {
            throw NodeError.restoreRefused(
                "--registry: version \(verified.registry.version) is older than version \(held.version), which the backup holds. A restore "
                    + "never goes back to an older registry (a participant revoked since would be admitted again): use the program's current one.")
        }
        return verified
    }
}
