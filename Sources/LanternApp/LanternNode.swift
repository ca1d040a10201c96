import Foundation
import LanternCore
import LanternPKI
public import LanternServer
import LanternStore
import LanternSync
public import Logging
public import ServiceLifecycle

/// A whole node: assembled from its home directory and run as one service.
///
/// `run()` holds the home's lock, opens the store, starts the local API, the retention sweeper and, for a node with
/// a certificate, the peer endpoint and the federation's services, all in one inner `ServiceGroup`. It returns once
/// a graceful shutdown of the enclosing group (or cancellation) has stopped them all, with the write-ahead log folded
/// into the database. The `lantern serve` command runs it in a group that shuts down on SIGTERM and SIGINT; tests run
/// it in process the same way and ask `endpoints()` where it listens.
public struct LanternNode: Service {
    /// Where a running node listens.
    public struct Endpoints: Sendable, Equatable {
        /// The local API, `http://host:port`.
        public var api: String
        /// The peer endpoint, `https://host:port`, for a node with a certificate.
        public var peer: String?
    }

    public let home: NodeHome
    public let configuration: NodeConfiguration
    let logger: Logger
    let runtime: RuntimeInfo

    public init(home: NodeHome, configuration: NodeConfiguration, logger: Logger) {
        self.home = home
        self.configuration = configuration
        self.logger = logger
        runtime = RuntimeInfo(file: home.runtimeFile, logger: logger)
    }

    /// A node with the configuration its home holds.
    public init(home: NodeHome, logger: Logger) throws {
        let home = try home.requireInitialized()
        self.init(home: home, configuration: try home.loadConfiguration(), logger: logger)
    }

    public func run() async throws {
        let lock: HomeLock
        let parts: Parts
        do {
            lock = try HomeLock(home)
            do { parts = try await assemble() } catch {
                lock.release()
                throw error
            }
        } catch {
            runtime.fail(error)
            throw error
        }
        defer { lock.release() }
        var failure: (any Error)?
        do { try await parts.group.run() } catch { failure = error }
        runtime.fail(failure ?? NodeError.stoppedBeforeListening)
        runtime.removeFile()
        try? await parts.peerClient?.shutdown()
        try parts.store.close()
        if let failure { throw failure }
        logger.notice("Node stopped")
    }

    /// Where the node listens, once every endpoint of it does; throws if it stopped or failed first.
    public func endpoints() async throws -> Endpoints {
        try await runtime.endpoints()
    }
}
