import ArgumentParser
import Foundation
import LanternCore
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

    func run() async throws {
        try await exitOnFailure {
            guard let id = ParticipantID(participant) else { throw CLIError(.refused, "--participant: \(ParticipantID.rule)") }
            if role == .financial, financialOptIn {
                throw CLIError(
                    .refused, "--financial-opt-in: financial institutions receive the financial pool by role; the opt-in is for tech participants.")
            }
            let nodeHome = home.nodeHome
            guard !nodeHome.isInitialized else { throw CLIError(.refused, "\(nodeHome.path) already holds a node.") }
            var configuration = NodeConfiguration()
            configuration.apiPort = apiPort
            do { _ = try configuration.validated() } catch { throw CLIError(.refused, "--api-port: \(error)") }
            try FileManager.default.createDirectory(at: nodeHome.url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try nodeHome.saveConfiguration(configuration)
            let store = try NodeStore(path: nodeHome.database)
            try store.initialize(as: Participant(id: id, role: role, financialPoolOptIn: financialOptIn))
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
