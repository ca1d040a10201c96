public import Foundation
public import LanternCore
public import LanternServer
import LanternStore

extension NodeHome {
    /// What a new home is made of.
    public struct Founding {
        public var participant: Participant
        public var configuration: NodeConfiguration
        /// A directory with node.pem, node-key.pem and ca.pem, for a node that joins a federation.
        public var certificates: URL?
        /// The registry document in force, verified with those certificates' CA.
        public var registry: VerifiedRegistry?

        public init(participant: Participant, configuration: NodeConfiguration = NodeConfiguration()) {
            self.participant = participant
            self.configuration = configuration
        }
    }

    /// Makes the home: the directory (owner only), `config.json`, the database with the node's participant, its
    /// credentials and registry, and an admin token for the CLI in `cli.token`.
    public func found(_ founding: Founding) throws {
        guard !isInitialized else { throw NodeError.homeExists(path) }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // An existing directory keeps its mode otherwise.
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        try saveConfiguration(founding.configuration)
        let store = try NodeStore(path: database)
        try store.directory.initialize(as: founding.participant)
        if let certificates = founding.certificates { try installCredentials(from: certificates) }
        if let registry = founding.registry { try Self.save(registry, in: store) }
        let (_, secret) = try store.tokens.create(name: "cli", role: .admin, now: Date())
        try writeSecret(secret, to: tokenFile)
        try store.close()
    }

    /// The CLI's admin token, as `found` wrote it.
    public func cliToken() throws -> String {
        try String(contentsOf: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
