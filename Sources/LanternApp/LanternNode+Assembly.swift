import Foundation
import LanternCore
import LanternPKI
import LanternServer
import LanternStore
import LanternSync
import LanternUI
import Logging
import ServiceLifecycle

extension LanternNode {
    /// What `run()` starts and must close after.
    struct Parts {
        var store: NodeStore
        var peerClient: PeerClient?
        var group: ServiceGroup
    }

    /// Wires the node's services from its home: the one place that knows every module.
    func assemble() async throws -> Parts {
        let retention: RetentionPolicy
        do { retention = try configuration.retentionPolicy() } catch {
            throw NodeError.refusedConfiguration(home.configFile.path, "\(error)")
        }
        let store = try NodeStore(path: home.database, synchronous: configuration.synchronous)
        do {
            return try await assemble(store: store, retention: retention)
        } catch {
            try? store.close()
            throw error
        }
    }

    private func assemble(store: NodeStore, retention: RetentionPolicy) async throws -> Parts {
        if !NodeStore.sqliteTuned {
            logger.notice("SQLite was in use before its options could be set; the node runs with SQLite's per-call locks")
        }
        let configuration = configuration
        let service = try SignalService(store: store, retention: retention)
        let sweeper = RetentionSweeper(service: service, interval: .seconds(configuration.sweepIntervalSeconds), logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: sweeper), .init(service: DashboardRefresher(service: service, logger: logger)),
        ]
        var federation: FederationState?
        var peerClient: PeerClient?
        var sync: SyncService?
        let certificate = home.tlsDirectory.appendingPathComponent(FederationCredentials.files.certificate)
        if FileManager.default.fileExists(atPath: certificate.path) {
            let credentials = try FederationCredentials(directory: home.tlsDirectory)
            guard credentials.identity.participant == service.participant else {
                throw NodeError.certificateOfAnother(
                    directory: home.tlsDirectory.path, holder: "\(credentials.identity)", participant: "\(service.participant)")
            }
            let state = try FederationState(credentials: credentials, store: store, service: service)
            let client = try PeerClient(credentials: credentials)
            let syncService = SyncService(state: state, client: client, concurrentPulls: configuration.concurrentPulls)
            federation = state
            peerClient = client
            sync = syncService
            services.append(.init(service: ChainBuilderService(store: store, logger: logger, published: { syncService.notifyPeers() })))
            services.append(.init(service: PeriodicSync(sync: syncService, interval: .seconds(configuration.syncIntervalSeconds), logger: logger)))
            let policy = CompactionPolicy(maxTombstoneAge: TimeInterval(configuration.tombstoneMaxAgeSeconds))
            services.append(
                .init(
                    service: TombstoneService(
                        state: state, policy: policy, interval: .seconds(configuration.tombstoneIntervalSeconds), logger: logger)))
        }
        let runtime = runtime
        runtime.expect(peer: federation != nil)
        let accounts = AccountService(store: store, configuration: configuration.accountConfiguration)
        let imports = try ImportJobs(service: service, directory: home.uploadsDirectory)
        let ui = try InvestigatorUI(
            accounts: accounts, signals: service, imports: imports, federation: federation, sync: sync,
            settings: UISettings(apiHost: configuration.apiHost, publicURL: configuration.uiPublicAddress))
        let api = LocalAPI.makeApplication(
            service: service, configuration: configuration, federation: federation, peerClient: peerClient, sync: sync,
            browserPages: ui.browserPages, logger: logger,
            onServerRunning: { port in runtime.report(api: Self.url(scheme: "http", host: configuration.apiHost, port: port)) })
        services.insert(.init(service: api), at: 0)
        if let federation {
            do {
                let endpoint = try PeerEndpoint.makeApplication(
                    state: federation, sync: sync, host: configuration.peerHost, port: configuration.peerPort,
                    limits: configuration.connectionLimits, logger: logger,
                    onServerRunning: { port in runtime.report(peer: Self.url(scheme: "https", host: configuration.peerHost, port: port)) })
                services.append(.init(service: endpoint))
            } catch {
                try? await peerClient?.shutdown()
                throw error
            }
        }
        let group = ServiceGroup(configuration: .init(services: services, logger: logger))
        return Parts(store: store, peerClient: peerClient, group: group)
    }

    static func url(scheme: String, host: String, port: Int) -> String {
        host.contains(":") ? "\(scheme)://[\(host)]:\(port)" : "\(scheme)://\(host):\(port)"
    }
}
