import ArgumentParser
import Foundation
import LanternCore
import LanternServer

/// A node's home directory: its database, configuration, the CLI's token and, while it runs, its address.
struct NodeHome {
    let url: URL

    init(_ path: String) {
        url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    var path: String { url.path }
    var database: String { url.appendingPathComponent("node.sqlite").path }
    var configFile: URL { url.appendingPathComponent("config.json") }
    /// The admin token the CLI uses, readable by the owner only.
    var tokenFile: URL { url.appendingPathComponent("cli.token") }
    /// Written by `serve` once it listens: `{"url": "http://127.0.0.1:PORT"}`.
    var runtimeFile: URL { url.appendingPathComponent("api.json") }
    var lockFile: String { url.appendingPathComponent("serve.lock").path }
    /// The node's certificate, key and the program CA, when it is part of a federation.
    var tlsDirectory: URL { url.appendingPathComponent("tls", isDirectory: true) }

    var isInitialized: Bool { FileManager.default.fileExists(atPath: database) }

    func requireInitialized() throws -> NodeHome {
        guard isInitialized else { throw CLIError(.failure, "\(path) is not a node home: run 'lantern init --home \(path) --participant ID' first.") }
        return self
    }

    func loadConfiguration() throws -> NodeConfiguration {
        guard let data = try? Data(contentsOf: configFile) else { return NodeConfiguration() }
        do {
            return try JSONDecoder().decode(NodeConfiguration.self, from: data).validated()
        } catch let error as DecodingError {
            throw CLIError(.failure, "\(configFile.path) is not a valid configuration: \(error)")
        } catch let error as LanternCore.ValidationError {
            throw CLIError(.refused, "\(configFile.path): \(error)")
        }
    }

    func saveConfiguration(_ configuration: NodeConfiguration) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(configuration).write(to: configFile, options: .atomic)
    }

    func writeSecret(_ secret: String, to file: URL) throws {
        try Data((secret + "\n").utf8).write(to: file, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    }
}

/// Options shared by commands that work on a node home.
struct HomeOptions: ParsableArguments {
    @Option(name: .long, help: "The node's home directory (default: $LANTERN_HOME, or ./lantern-home).")
    var home: String?

    var nodeHome: NodeHome {
        NodeHome(home ?? ProcessInfo.processInfo.environment["LANTERN_HOME"] ?? "lantern-home")
    }
}
