import Foundation
import LanternCore
import LanternServer
import LanternStore
import Logging
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wires a node together from its home and runs it in one service group with graceful shutdown.
struct NodeRunner {
    let home: NodeHome
    let configuration: NodeConfiguration
    let logLevel: String

    func run() async throws {
        var logger = Logger(label: "lantern")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let lock = try acquireLock()
        defer { close(lock) }
        let retention: LanternCore.RetentionPolicy
        do { retention = try configuration.retentionPolicy() } catch { throw CLIError(.refused, "config.json: \(error)") }
        let store = try NodeStore(path: home.database)
        let service = try SignalService(store: store, retention: retention)
        let sweeper = RetentionSweeper(service: service, interval: .seconds(configuration.sweepIntervalSeconds), logger: logger)
        let runtimeFile = home.runtimeFile
        let host = configuration.apiHost
        let serveLogger = logger
        let app = LocalAPI.makeApplication(
            service: service, configuration: configuration, logger: logger,
            onServerRunning: { port in
                let url = host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
                try? JSONEncoder().encode(["url": url]).write(to: runtimeFile, options: .atomic)
                serveLogger.notice("Node is serving", metadata: ["participant": "\(service.participant)", "api": "\(url)"])
            })
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: app), .init(service: sweeper)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        defer { try? FileManager.default.removeItem(at: runtimeFile) }
        try await group.run()
        try store.close()
        logger.notice("Node stopped")
    }

    /// Holds an exclusive lock on the home, so two nodes never serve one database.
    func acquireLock() throws -> Int32 {
        let fd = open(home.lockFile, O_CREAT | O_RDWR, 0o600)
        guard fd >= 0 else { throw CLIError(.failure, "Cannot open \(home.lockFile).") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw CLIError(.failure, "Another 'lantern serve' is already running in \(home.path).")
        }
        return fd
    }
}
