import Foundation
import LanternCore

/// How long and how many: what a stranger or a peer may hold of a server (the peer endpoint or the local API).
/// Every field has a default and is set in `config.json` (`NodeConfiguration`).
public struct ConnectionLimits: Sendable, Equatable {
    /// A connection that has not delivered a whole request head this long after it opened (the TLS handshake
    /// included) or after its last answer is closed.
    public var idleTimeout: Duration
    /// A request body may take this long whatever its size, and one byte per `minimumBodyBytesPerSecond` beyond.
    public var bodyGrace: Duration
    /// The slowest average rate, past the grace, at which a request body may arrive.
    public var minimumBodyBytesPerSecond: Int
    /// Connections open at once from one address; more are closed as soon as they open.
    public var connectionsPerAddress: Int
    /// Connections open at once in all.
    public var connections: Int
    /// Requests one peer may have under way at once at the peer endpoint; more are answered `429`.
    public var requestsPerPeer: Int

    public init(
        idleTimeout: Duration = .seconds(30), bodyGrace: Duration = .seconds(30), minimumBodyBytesPerSecond: Int = 1024,
        connectionsPerAddress: Int = 64, connections: Int = 1024, requestsPerPeer: Int = 16
    ) {
        self.idleTimeout = idleTimeout
        self.bodyGrace = bodyGrace
        self.minimumBodyBytesPerSecond = minimumBodyBytesPerSecond
        self.connectionsPerAddress = connectionsPerAddress
        self.connections = connections
        self.requestsPerPeer = requestsPerPeer
    }
}
