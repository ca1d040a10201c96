import ArgumentParser
import Foundation
import LanternCore
import LanternServer
import LanternStore

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write an online, consistent copy of the node's database; the node may keep running.")

    @OptionGroup var home: HomeOptions
    @Option(help: "The backup file to write (must not exist).") var to: String

    func run() async throws {
        try await exitOnFailure {
            let store = try NodeStore(path: home.nodeHome.requireInitialized().database)
            do { try store.backup(to: to) } catch let error as StoreError { throw CLIError(.refused, error.description) }
            let count = try NodeStore(path: to).signalCount()
            print("Backed up \(count) live signals to \(to).")
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Make a new node home from a backup, with a fresh admin token for the CLI.")

    @OptionGroup var home: HomeOptions
    @Option(help: "The backup file.") var from: String
    @Option(help: "The local API port of the restored node.") var apiPort: Int = 7300
    @Option(help: "The federation's tombstone age bound in seconds (tombstone_max_age_seconds): older backups are refused.")
    var tombstoneMaxAge: Int = NodeConfiguration().tombstoneMaxAgeSeconds
    @Flag(help: "Restore a backup older than the tombstone age bound although signals removed after it may come back.")
    var acceptResurrection = false

    func run() async throws {
        try await exitOnFailure {
            let nodeHome = home.nodeHome
            guard !nodeHome.isInitialized else { throw CLIError(.refused, "\(nodeHome.path) already holds a node; restore into a new directory.") }
            guard FileManager.default.fileExists(atPath: from) else { throw CLIError(.failure, "Cannot read \(from).") }
            var configuration = NodeConfiguration()
            configuration.apiPort = apiPort
            do { _ = try configuration.validated() } catch { throw CLIError(.refused, "--api-port: \(error)") }
            try FileManager.default.createDirectory(at: nodeHome.url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: nodeHome.path)
            try FileManager.default.copyItem(atPath: from, toPath: nodeHome.database)
            let store: NodeStore
            let participant: ParticipantID
            do {
                store = try NodeStore(path: nodeHome.database)
                let problems = try store.integrityCheck()
                guard problems == ["ok"] else {
                    throw CLIError(.failure, "The backup fails its integrity check: \(problems.prefix(3).joined(separator: "; ")).")
                }
                participant = try store.localParticipantID()
                // Peers collect removal proofs after the age bound: an older backup could bring back signals that
                // were removed after it was taken, and nobody could tell this node any more.
                if !acceptResurrection {
                    guard let taken = try store.backedUpAt() else {
                        throw CLIError(
                            .refused,
                            "The backup does not say when it was taken (it predates LanternNode recording it), so it may be older than the "
                                + "tombstone age bound. Use a newer backup, or --accept-resurrection.")
                    }
                    if Date().timeIntervalSince(taken) > TimeInterval(tombstoneMaxAge) {
                        throw CLIError(
                            .refused,
                            "The backup was taken \(Int(Date().timeIntervalSince(taken) / 86_400)) days ago, longer than the tombstone age "
                                + "bound: peers may have forgotten removals made since. Use a newer backup, or --accept-resurrection.")
                    }
                }
            } catch {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: nodeHome.database + suffix) }
                if let error = error as? CLIError { throw error }
                throw CLIError(.failure, "\(from) is not a LanternNode backup: \(error)")
            }
            // Peers may hold more of this node's chains than the backup does: publish them again in a new epoch.
            try store.startNewEpoch()
            let (_, secret) = try store.createToken(name: "cli (restored)", role: .admin, now: Date())
            try nodeHome.writeSecret(secret, to: nodeHome.tokenFile)
            try nodeHome.saveConfiguration(configuration)
            print("Restored node \(participant) with \(try store.signalCount()) live signals into \(nodeHome.path).")
        }
    }
}
