import ArgumentParser
import Foundation
import LanternApp
import LanternCore
import LanternServer

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
            var configuration = NodeConfiguration()
            configuration.apiPort = apiPort
            configuration.peerHost = peerHost
            configuration.peerPort = peerPort
            var restoring = NodeHome.Restoring(
                backup: URL(fileURLWithPath: from), configuration: configuration, tombstoneMaxAge: TimeInterval(tombstoneMaxAge))
            restoring.acceptResurrection = acceptResurrection
            restoring.certificates = certs.map { URL(fileURLWithPath: $0, isDirectory: true) }
            restoring.registry = registry.map { URL(fileURLWithPath: $0) }
            let restored = try home.nodeHome.restore(restoring)
            print("Restored node \(restored.participant) with \(restored.signals) live signals into \(home.nodeHome.path).")
            if restored.revokedTokens > 0 {
                print(
                    "The \(restored.revokedTokens) API tokens of the backup are revoked: issue integrations new ones with 'lantern token create'.")
            }
        }
    }
}
