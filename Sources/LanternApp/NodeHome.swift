public import Foundation
import LanternCore
public import LanternServer

/// A node's home directory: its database, configuration, the CLI's token and, while it runs, its address.
public struct NodeHome: Sendable {
    public let url: URL

    public init(_ path: String) {
        url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    public var path: String { url.path }
    public var database: String { url.appendingPathComponent("node.sqlite").path }
    public var configFile: URL { url.appendingPathComponent("config.json") }
    /// The admin token the CLI uses, readable by the owner only.
    public var tokenFile: URL { url.appendingPathComponent("cli.token") }
    /// Written by a running node once it listens: `{"url": "http://127.0.0.1:PORT"}`.
    public var runtimeFile: URL { url.appendingPathComponent("api.json") }
    public var lockFile: String { url.appendingPathComponent("serve.lock").path }
    /// The node's certificate, key and the program CA, when it is part of a federation.
    public var tlsDirectory: URL { url.appendingPathComponent("tls", isDirectory: true) }
    /// Files uploaded through the UI while they are imported; emptied at every start.
    public var uploadsDirectory: URL { url.appendingPathComponent("uploads", isDirectory: true) }

    public var isInitialized: Bool { FileManager.default.fileExists(atPath: database) }

    public func requireInitialized() throws -> NodeHome {
        guard isInitialized else { throw NodeError.notAHome(path) }
        return self
    }

    /// The home's `config.json`, or the defaults when it has none.
    public func loadConfiguration() throws -> NodeConfiguration {
        guard let data = try? Data(contentsOf: configFile) else { return NodeConfiguration() }
        do {
            return try JSONDecoder().decode(NodeConfiguration.self, from: data).validated()
        } catch let error as DecodingError {
            throw NodeError.unreadableConfiguration(configFile.path, "\(error)")
        } catch let error as LanternCore.ValidationError {
            throw NodeError.refusedConfiguration(configFile.path, "\(error)")
        }
    }

    public func saveConfiguration(_ configuration: NodeConfiguration) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(configuration).write(to: configFile, options: .atomic)
    }

    /// Writes a secret readable by the owner only.
    public func writeSecret(_ secret: String, to file: URL) throws {
        try Data((secret + "\n").utf8).write(to: file, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    }
}
