public import ArgumentParser
import Foundation
import LanternApp
import LanternClient
import LanternCore
import LanternPKI
import LanternServer
import LanternStore
import Logging
import ServiceLifecycle
import UnixSignals

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a node home: its database, configuration and an admin token for the CLI.")

    @OptionGroup var home: HomeOptions

    @Option(help: "This node's participant id, as the program knows it.")
    var participant: String

    @Option(help: "This participant's role: tech or financial.")
    var role: ParticipantRole = .tech

    @Flag(help: "A tech participant in the financial pool: it receives the pool and may share signals with it.")
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
            var configuration = NodeConfiguration()
            configuration.apiPort = apiPort
            configuration.peerHost = peerHost
            configuration.peerPort = peerPort
            do { _ = try configuration.validated() } catch { throw ClientError(.refused, "\(error)") }
            let identity = ParticipantIdentity(participant: id, role: role)
            var founding = NodeHome.Founding(
                participant: Participant(id: id, role: role, financialPoolOptIn: financialOptIn), configuration: configuration)
            if let certs {
                let credentials = try NodeHome.credentials(option: certs, for: identity)
                founding.certificates = URL(fileURLWithPath: certs, isDirectory: true)
                founding.registry = try registry.map { try NodeHome.registry(option: $0, for: credentials) }
            } else if registry != nil {
                throw ClientError(.refused, "--registry needs --certs, whose ca.pem verifies it.")
            }
            try nodeHome.found(founding)
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
            var logger = Logger(label: "lantern")
            logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            let node = LanternNode(home: nodeHome, configuration: configuration, logger: logger)
            let group = ServiceGroup(configuration: .init(services: [node], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }
}
