import Foundation
import LanternCore
import LanternPKI
import LanternServer
import LanternStore
import LanternSync
import Logging
import ServiceLifecycle
import Synchronization

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
        let store = try NodeStore(path: home.database, synchronous: configuration.synchronous)
        if !NodeStore.sqliteTuned {
            logger.notice("SQLite was in use before its options could be set; the node runs with SQLite's per-call locks")
        }
        let service = try SignalService(store: store, retention: retention)
        let sweeper = RetentionSweeper(service: service, interval: .seconds(configuration.sweepIntervalSeconds), logger: logger)
        let runtimeFile = home.runtimeFile
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: sweeper)]
        var federation: FederationState?
        var peerClient: PeerClient?
        var sync: SyncService?
        if FileManager.default.fileExists(atPath: home.tlsDirectory.appendingPathComponent(FederationCredentials.files.certificate).path) {
            let credentials = try FederationCredentials(directory: home.tlsDirectory)
            guard credentials.identity.participant == service.participant else {
                throw CLIError(
                    .failure,
                    "The certificate in \(home.tlsDirectory.path) is for \(credentials.identity), not this node's participant \(service.participant)."
                )
            }
            federation = try FederationState(credentials: credentials, store: store, service: service)
            peerClient = try PeerClient(credentials: credentials)
            if let federation, let peerClient {
                let syncService = SyncService(state: federation, client: peerClient, concurrentPulls: configuration.concurrentPulls)
                sync = syncService
                services.append(.init(service: ChainBuilderService(store: store, logger: logger, published: { syncService.notifyPeers() })))
                services.append(
                    .init(service: PeriodicSync(sync: syncService, interval: .seconds(configuration.syncIntervalSeconds), logger: logger)))
                let policy = CompactionPolicy(maxTombstoneAge: TimeInterval(configuration.tombstoneMaxAgeSeconds))
                services.append(
                    .init(
                        service: TombstoneService(
                            state: federation, policy: policy, interval: .seconds(configuration.tombstoneIntervalSeconds), logger: logger)))
            }
        }
        let runtime = RuntimeInfo(file: runtimeFile, expected: federation == nil ? ["url"] : ["url", "peer_url"], logger: logger)
        let app = LocalAPI.makeApplication(
            service: service, configuration: configuration, federation: federation, peerClient: peerClient, sync: sync, logger: logger,
            onServerRunning: { port in runtime.report("url", Self.url(scheme: "http", host: configuration.apiHost, port: port)) })
        services.insert(.init(service: app), at: 0)
        if let federation {
            let endpoint = try PeerEndpoint.makeApplication(
                state: federation, sync: sync, host: configuration.peerHost, port: configuration.peerPort, limits: configuration.connectionLimits,
                logger: logger,
                onServerRunning: { port in runtime.report("peer_url", Self.url(scheme: "https", host: configuration.peerHost, port: port)) })
            services.append(.init(service: endpoint))
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        defer { try? FileManager.default.removeItem(at: runtimeFile) }
        try await group.run()
        try await peerClient?.shutdown()
        try store.close()
        logger.notice("Node stopped")
    }

    static func url(scheme: String, host: String, port: Int) -> String {
        host.contains(":") ? "\(scheme)://[\(host)]:\(port)" : "\(scheme)://\(host):\(port)"
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

/// Writes `api.json` once every endpoint of the node listens, so whoever waits for the file can use them all.
final class RuntimeInfo: Sendable {
    let file: URL
    let expected: Set<String>
    let logger: Logger
    private let known = Mutex<[String: String]>([:])

    init(file: URL, expected: Set<String>, logger: Logger) {
        self.file = file
        self.expected = expected
        self.logger = logger
    }

    func report(_ key: String, _ value: String) {
        let snapshot = known.withLock { values -> [String: String]? in
            values[key] = value
            return Set(values.keys) == expected ? values : nil
        }
        guard let snapshot else { return }
        try? JSONEncoder().encode(snapshot).write(to: file, options: .atomic)
        logger.notice("Node is serving", metadata: snapshot.mapValues { .string($0) })
    }
}
