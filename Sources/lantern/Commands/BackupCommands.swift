import ArgumentParser
import Foundation
import LanternApp
import LanternClient
import LanternCore
import LanternPKI
import LanternServer
import LanternStore

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write an online, consistent copy of the node's database; the node may keep running.")

    @OptionGroup var home: HomeOptions
    @Option(help: "The backup file to write (must not exist).") var to: String

    func run() async throws {
        try await exitOnFailure {
            let count = try home.nodeHome.backup(to: to)
            print("Backed up \(count) live signals to \(to).")
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Make a new node home from a backup: every token in it is revoked, and the CLI gets a fresh admin token.",
        discussion: """
            A backup of a federated node needs the node's certificate directory (--certs: the key is not in the \
            backup) and the program's current registry (--registry): a restore never goes back to an older registry \
            than the backup holds, so a participant revoked since is not admitted again.
            """)

    @OptionGroup var home: HomeOptions
    @Option(help: "The backup file.") var from: String
    @Option(help: "The local API port of the restored node.") var apiPort: Int = 7300
    @Option(help: "The federation's tombstone age bound in seconds (tombstone_max_age_seconds): older backups are refused.")
    var tombstoneMaxAge: Int = NodeConfiguration().tombstoneMaxAgeSeconds
    @Flag(help: "Restore a backup older than the tombstone age bound although signals removed after it may come back.")
    var acceptResurrection = false
    @Option(help: "For a federated node: a directory with its node.pem, node-key.pem and ca.pem.") var certs: String?
    @Option(help: "For a federated node: the program's current signed registry (not older than the backup's).")
    var registry: String?
    @Option(help: "The address the peer endpoint listens on.") var peerHost: String = "127.0.0.1"
    @Option(help: "The peer endpoint's port (0 picks a free one each start).") var peerPort: Int = 7400

    func run() async throws {
        try await exitOnFailure {
            let nodeHome = home.nodeHome
            guard !nodeHome.isInitialized else { throw ClientError(.refused, "\(nodeHome.path) already holds a node; restore into a new directory.") }
            guard FileManager.default.fileExists(atPath: from) else { throw ClientError(.failure, "Cannot read \(from).") }
            var configuration = NodeConfiguration()
            configuration.apiPort = apiPort
            configuration.peerHost = peerHost
            configuration.peerPort = peerPort
            do { _ = try configuration.validated() } catch { throw ClientError(.refused, "\(error)") }
            try FileManager.default.createDirectory(at: nodeHome.url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: nodeHome.path)
            try FileManager.default.copyItem(atPath: from, toPath: nodeHome.database)
            let store: NodeStore
            let participant: ParticipantID
            do {
                store = try NodeStore(path: nodeHome.database)
                let problems = try store.integrityCheck()
                guard problems == ["ok"] else {
                    throw ClientError(.failure, "The backup fails its integrity check: \(problems.prefix(3).joined(separator: "; ")).")
                }
                participant = try store.directory.localParticipantID()
                try checkAge(of: store)
                let verified = try federation(of: store, participant: participant)
                if let certs { try nodeHome.installCredentials(from: URL(fileURLWithPath: certs, isDirectory: true)) }
                if let verified { try NodeHome.save(verified, in: store) }
            } catch {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: nodeHome.database + suffix) }
                try? FileManager.default.removeItem(at: nodeHome.tlsDirectory)
                if let error = error as? ClientError { throw error }
                throw ClientError(.failure, "\(from) is not a LanternNode backup: \(error)")
            }
            // Peers may hold more of this node's chains than the backup does: publish them again in a new epoch.
            try store.chains.startNewEpoch()
            // The backup cannot tell which tokens were revoked after it was taken: none of its tokens works again.
            let revoked = try store.tokens.revokeAll(now: Date())
            let (_, secret) = try store.tokens.create(name: "cli (restored)", role: .admin, now: Date())
            try nodeHome.writeSecret(secret, to: nodeHome.tokenFile)
            try nodeHome.saveConfiguration(configuration)
            print("Restored node \(participant) with \(try store.signals.count()) live signals into \(nodeHome.path).")
            if revoked > 0 {
                print("The \(revoked) API tokens of the backup are revoked: issue integrations new ones with 'lantern token create'.")
            }
        }
    }

    /// Peers collect removal proofs after the age bound: an older backup could bring back signals that were removed
    /// after it was taken, and nobody could tell this node any more.
    func checkAge(of store: NodeStore) throws {
        guard !acceptResurrection else { return }
        guard let taken = try store.backedUpAt() else {
            throw ClientError(
                .refused,
                "The backup does not say when it was taken (it predates LanternNode recording it), so it may be older than the "
                    + "tombstone age bound. Use a newer backup, or --accept-resurrection.")
        }
        if Date().timeIntervalSince(taken) > TimeInterval(tombstoneMaxAge) {
            throw ClientError(
                .refused,
                "The backup was taken \(Int(Date().timeIntervalSince(taken) / 86_400)) days ago, longer than the tombstone age "
                    + "bound: peers may have forgotten removals made since. Use a newer backup, or --accept-resurrection.")
        }
    }

    /// The registry the restored node starts with, for a federated backup: the one given, if it is not older than
    /// the backup's. Nil when the backup holds no registry and none is given.
    func federation(of store: NodeStore, participant: ParticipantID) throws -> NodeHome.VerifiedRegistry? {
        let held = try store.federation.registry()
        if held != nil, certs == nil || registry == nil {
            throw ClientError(
                .refused,
                "The backup is of a federated node: give its certificate directory with --certs (its key is not in the backup) and the "
                    + "program's current registry with --registry, so the node does not go back to the backup's registry.")
        }
        guard let certs else {
            if registry != nil { throw ClientError(.refused, "--registry needs --certs, whose ca.pem verifies it.") }
            return nil
        }
        guard let role = try store.directory.participants()[participant]?.role else {
            throw ClientError(.failure, "The backup does not list its own participant \(participant).")
        }
        let credentials = try NodeHome.credentials(option: certs, for: ParticipantIdentity(participant: participant, role: role))
        guard let registry else { return nil }
        let verified = try NodeHome.registry(option: registry, for: credentials)
        if let held, verified.registry.version < held.version {
            throw ClientError(
                .refused,
                "--registry: version \(verified.registry.version) is older than version \(held.version), which the backup holds. A restore "
                    + "never goes back to an older registry (a participant revoked since would be admitted again): use the program's current one.")
        }
        return verified
    }
}
