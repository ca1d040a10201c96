import ArgumentParser
import Foundation
import LanternCore
import LanternPKI
import LanternServer
import LanternStore

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a node home: its database, configuration and an admin token for the CLI.")

    @OptionGroup var home: HomeOptions

    @Option(help: "This node's participant id, as the program knows it.")
    var participant: String

    @Option(help: "This participant's role: tech or financial.")
    var role: ParticipantRole = .tech

    @Flag(help: "A tech participant that receives the financial pool.")
    var financialOptIn = false

    @Option(help: "The local API port (0 picks a free one each start).")
    var apiPort: Int = 7300

    @Option(help: "A directory with node.pem, node-key.pem and ca.pem from 'lantern ca issue', to join the federation.")
    var certs: String?

    @Option(help: "The signed participant registry from 'lantern ca registry'.")
    var registry: String?

    @Option(help: "The address the peer endpoint listens on.")
    var peerHost: String = "127.0.0.1"

    @Option(help: "The peer endpoint's port (0 picks a free one each start).")
    var peerPort: Int = 7400

    func run() async throws {
        try await exitOnFailure {
            let id = try participantOption(participant, role: role, financialOptIn: financialOptIn)
            let nodeHome = home.nodeHome
            guard !nodeHome.isInitialized else { throw CLIError(.refused, "\(nodeHome.path) already holds a node.") }
            var configuration = NodeConfiguration()
            configuration.apiPort = apiPort
            configuration.peerHost = peerHost
            configuration.peerPort = peerPort
            do { _ = try configuration.validated() } catch { throw CLIError(.refused, "\(error)") }
            var credentials: FederationCredentials?
            if let certs {
                do { credentials = try FederationCredentials(directory: URL(fileURLWithPath: certs, isDirectory: true)) } catch {
                    throw CLIError(.refused, "--certs: \(error)")
                }
                guard credentials?.identity == ParticipantIdentity(participant: id, role: role) else {
                    throw CLIError(.refused, "--certs: the certificate is for \(credentials!.identity), not \(id) (\(role.rawValue)).")
                }
            }
            var signedRegistry: (signed: SignedRegistry, registry: ParticipantRegistry, views: [ParticipantID: SignedRegistry])?
            if let registry {
                guard let credentials else { throw CLIError(.refused, "--registry needs --certs, whose ca.pem verifies it.") }
                do {
                    let bundle = try RegistryBundle.decode(Data(contentsOf: URL(fileURLWithPath: registry)))
                    signedRegistry = try bundle.replacing(nil, caCertificate: credentials.caCertificate, for: credentials.identity)
                } catch {
                    throw CLIError(.refused, "--registry: \(error)")
                }
            }
            try FileManager.default.createDirectory(at: nodeHome.url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            // An existing directory keeps its mode otherwise.
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: nodeHome.path)
            try nodeHome.saveConfiguration(configuration)
            let store = try NodeStore(path: nodeHome.database)
            try store.initialize(as: Participant(id: id, role: role, financialPoolOptIn: financialOptIn))
            if let certs {
                let tls = nodeHome.tlsDirectory
                try FileManager.default.createDirectory(at: tls, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                for name in [FederationCredentials.files.certificate, FederationCredentials.files.key, FederationCredentials.files.ca] {
                    let text = try String(contentsOfFile: URL(fileURLWithPath: certs).appendingPathComponent(name).path, encoding: .utf8)
                    try writeFile(text, to: tls.appendingPathComponent(name), mode: name == FederationCredentials.files.key ? 0o600 : 0o644)
                }
            }
            if let (signed, registry, views) = signedRegistry {
                try store.saveRegistry(
                    StoredRegistry(version: registry.version, payload: signed.payload, signature: signed.signature),
                    participants: registry.participants,
                    views: views.mapValues { StoredRegistry(version: registry.version, payload: $0.payload, signature: $0.signature) },
                    now: Date())
            }
            let (_, secret) = try store.createToken(name: "cli", role: .admin, now: Date())
            try nodeHome.writeSecret(secret, to: nodeHome.tokenFile)
            try store.close()
            print("Initialised node \(id) (\(role.rawValue)) in \(nodeHome.path).")
            print("An admin token for the CLI is in \(nodeHome.tokenFile.path). Start the node with:")
            print("  lantern serve --home \(nodeHome.path)")
        }
    }
}

extension ParticipantRole: ExpressibleByArgument {}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the node: the local API and the retention sweeper, until SIGTERM or SIGINT.")

    @OptionGroup var home: HomeOptions

    @Option(help: "Override the configured API port (0 picks a free one).")
    var apiPort: Int?

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func run() async throws {
        try await exitOnFailure {
            let nodeHome = try home.nodeHome.requireInitialized()
            var configuration = try nodeHome.loadConfiguration()
            if let apiPort { configuration.apiPort = apiPort }
            try await NodeRunner(home: nodeHome, configuration: configuration, logLevel: logLevel).run()
        }
    }
}
