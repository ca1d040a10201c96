import Foundation
public import LanternCore
public import LanternStore

/// Settings of a node, read from `config.json` in its home directory. Every field has a default.
public struct NodeConfiguration: Codable, Sendable, Equatable {
    /// The address the local API listens on. Keep it on loopback unless a reverse proxy guards it.
    public var apiHost: String
    /// The local API's port; 0 picks a free one.
    public var apiPort: Int
    /// Retention periods by type, in days; types not listed use the defaults.
    public var retentionDays: [String: Int]
    /// How often the retention sweeper runs, in seconds.
    public var sweepIntervalSeconds: Int
    /// The largest request body the API accepts, in bytes (imports stream and have no total limit).
    public var maxBodyBytes: Int
    /// The most items in one batch request.
    public var maxBatchItems: Int
    /// The address the peer endpoint (mutual TLS) listens on, when the node has a certificate.
    public var peerHost: String
    /// The peer endpoint's port; 0 picks a free one.
    public var peerPort: Int
    /// How often the node pulls from its peers (anti-entropy), in seconds.
    public var syncIntervalSeconds: Int
    /// The hard bound on a tombstone's age, in seconds: a chain holding older removals is compacted whoever has
    /// acknowledged it, and removal records older than this are collected. A backup older than this cannot be
    /// restored (peers may have collected the proofs of its later removals).
    public var tombstoneMaxAgeSeconds: Int
    /// How often the node considers compacting its chains and collecting tombstones, in seconds.
    public var tombstoneIntervalSeconds: Int
    /// A received signal is flagged for review of the signal itself once this many distinct items matched it
    /// within `reviewFlagWindowSeconds`; its later matches are held until the flag is decided.
    public var reviewFlagThreshold: Int
    public var reviewFlagWindowSeconds: Int
    /// `ConnectionLimits` of both servers: see there.
    public var idleTimeoutSeconds: Int
    public var bodyGraceSeconds: Int
    public var minimumBodyBytesPerSecond: Int
    public var connectionsPerAddress: Int
    public var maxConnections: Int
    public var requestsPerPeer: Int
    /// SQLite's `synchronous` setting, `full` or `normal`: with `full` a commit is on the disk before the node
    /// says it is done, so a power loss loses nothing it published (operations.md).
    public var sqliteSynchronous: String
    /// How many pulls may run at once, across all peers.
    public var concurrentPulls: Int
    /// The investigators' UI as people reach it through a TLS reverse proxy (`https://lantern.example.org`): its
    /// host is accepted in `Host` and `Origin`, and its cookies are `Secure`. Unset: the UI serves loopback only.
    public var uiPublicURL: String?
    /// Minutes without a request after which a UI session ends.
    public var sessionIdleMinutes: Int
    /// Hours after its login at which a UI session ends, however busy.
    public var sessionMaxHours: Int
    /// bcrypt's cost for the users' passwords.
    public var bcryptCost: Int

    public init(
        apiHost: String = "127.0.0.1", apiPort: Int = 7300, retentionDays: [String: Int] = [:],
        sweepIntervalSeconds: Int = 60, maxBodyBytes: Int = 4 * 1024 * 1024, maxBatchItems: Int = 1000,
        peerHost: String = "127.0.0.1", peerPort: Int = 7400, syncIntervalSeconds: Int = 10,
        tombstoneMaxAgeSeconds: Int = 30 * 86_400, tombstoneIntervalSeconds: Int = 3600, reviewFlagThreshold: Int = 25,
        reviewFlagWindowSeconds: Int = 86_400, idleTimeoutSeconds: Int = 30, bodyGraceSeconds: Int = 30, minimumBodyBytesPerSecond: Int = 1024,
        connectionsPerAddress: Int = 64, maxConnections: Int = 1024, requestsPerPeer: Int = 16,
        sqliteSynchronous: String = NodeStore.Synchronous.full.rawValue, concurrentPulls: Int = 16,
        uiPublicURL: String? = nil, sessionIdleMinutes: Int = 30, sessionMaxHours: Int = 12, bcryptCost: Int = 12
    ) {
        self.apiHost = apiHost
        self.apiPort = apiPort
        self.retentionDays = retentionDays
        self.sweepIntervalSeconds = sweepIntervalSeconds
        self.maxBodyBytes = maxBodyBytes
        self.maxBatchItems = maxBatchItems
        self.peerHost = peerHost
        self.peerPort = peerPort
        self.syncIntervalSeconds = syncIntervalSeconds
        self.tombstoneMaxAgeSeconds = tombstoneMaxAgeSeconds
        self.tombstoneIntervalSeconds = tombstoneIntervalSeconds
        self.reviewFlagThreshold = reviewFlagThreshold
        self.reviewFlagWindowSeconds = reviewFlagWindowSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.bodyGraceSeconds = bodyGraceSeconds
        self.minimumBodyBytesPerSecond = minimumBodyBytesPerSecond
        self.connectionsPerAddress = connectionsPerAddress
        self.maxConnections = maxConnections
        self.requestsPerPeer = requestsPerPeer
        self.sqliteSynchronous = sqliteSynchronous
        self.concurrentPulls = concurrentPulls
        self.uiPublicURL = uiPublicURL
        self.sessionIdleMinutes = sessionIdleMinutes
        self.sessionMaxHours = sessionMaxHours
        self.bcryptCost = bcryptCost
    }

    public init(from decoder: any Decoder) throws {
        let defaults = NodeConfiguration()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiHost = try c.decodeIfPresent(String.self, forKey: .apiHost) ?? defaults.apiHost
        apiPort = try c.decodeIfPresent(Int.self, forKey: .apiPort) ?? defaults.apiPort
        retentionDays = try c.decodeIfPresent([String: Int].self, forKey: .retentionDays) ?? defaults.retentionDays
        sweepIntervalSeconds = try c.decodeIfPresent(Int.self, forKey: .sweepIntervalSeconds) ?? defaults.sweepIntervalSeconds
        maxBodyBytes = try c.decodeIfPresent(Int.self, forKey: .maxBodyBytes) ?? defaults.maxBodyBytes
        maxBatchItems = try c.decodeIfPresent(Int.self, forKey: .maxBatchItems) ?? defaults.maxBatchItems
        peerHost = try c.decodeIfPresent(String.self, forKey: .peerHost) ?? defaults.peerHost
        peerPort = try c.decodeIfPresent(Int.self, forKey: .peerPort) ?? defaults.peerPort
        syncIntervalSeconds = try c.decodeIfPresent(Int.self, forKey: .syncIntervalSeconds) ?? defaults.syncIntervalSeconds
        tombstoneMaxAgeSeconds = try c.decodeIfPresent(Int.self, forKey: .tombstoneMaxAgeSeconds) ?? defaults.tombstoneMaxAgeSeconds
        tombstoneIntervalSeconds = try c.decodeIfPresent(Int.self, forKey: .tombstoneIntervalSeconds) ?? defaults.tombstoneIntervalSeconds
        reviewFlagThreshold = try c.decodeIfPresent(Int.self, forKey: .reviewFlagThreshold) ?? defaults.reviewFlagThreshold
        reviewFlagWindowSeconds = try c.decodeIfPresent(Int.self, forKey: .reviewFlagWindowSeconds) ?? defaults.reviewFlagWindowSeconds
        idleTimeoutSeconds = try c.decodeIfPresent(Int.self, forKey: .idleTimeoutSeconds) ?? defaults.idleTimeoutSeconds
        bodyGraceSeconds = try c.decodeIfPresent(Int.self, forKey: .bodyGraceSeconds) ?? defaults.bodyGraceSeconds
        minimumBodyBytesPerSecond = try c.decodeIfPresent(Int.self, forKey: .minimumBodyBytesPerSecond) ?? defaults.minimumBodyBytesPerSecond
        connectionsPerAddress = try c.decodeIfPresent(Int.self, forKey: .connectionsPerAddress) ?? defaults.connectionsPerAddress
        maxConnections = try c.decodeIfPresent(Int.self, forKey: .maxConnections) ?? defaults.maxConnections
        requestsPerPeer = try c.decodeIfPresent(Int.self, forKey: .requestsPerPeer) ?? defaults.requestsPerPeer
        sqliteSynchronous = try c.decodeIfPresent(String.self, forKey: .sqliteSynchronous) ?? defaults.sqliteSynchronous
        concurrentPulls = try c.decodeIfPresent(Int.self, forKey: .concurrentPulls) ?? defaults.concurrentPulls
        uiPublicURL = try c.decodeIfPresent(String.self, forKey: .uiPublicURL)
        sessionIdleMinutes = try c.decodeIfPresent(Int.self, forKey: .sessionIdleMinutes) ?? defaults.sessionIdleMinutes
        sessionMaxHours = try c.decodeIfPresent(Int.self, forKey: .sessionMaxHours) ?? defaults.sessionMaxHours
        bcryptCost = try c.decodeIfPresent(Int.self, forKey: .bcryptCost) ?? defaults.bcryptCost
    }

    enum CodingKeys: String, CodingKey {
        case apiHost = "api_host"
        case apiPort = "api_port"
        case retentionDays = "retention_days"
        case sweepIntervalSeconds = "sweep_interval_seconds"
        case maxBodyBytes = "max_body_bytes"
        case maxBatchItems = "max_batch_items"
        case peerHost = "peer_host"
        case peerPort = "peer_port"
        case syncIntervalSeconds = "sync_interval_seconds"
        case tombstoneMaxAgeSeconds = "tombstone_max_age_seconds"
        case tombstoneIntervalSeconds = "tombstone_interval_seconds"
        case reviewFlagThreshold = "review_flag_threshold"
        case reviewFlagWindowSeconds = "review_flag_window_seconds"
        case idleTimeoutSeconds = "idle_timeout_seconds"
        case bodyGraceSeconds = "body_grace_seconds"
        case minimumBodyBytesPerSecond = "minimum_body_bytes_per_second"
        case connectionsPerAddress = "connections_per_address"
        case maxConnections = "max_connections"
        case requestsPerPeer = "requests_per_peer"
        case sqliteSynchronous = "sqlite_synchronous"
        case concurrentPulls = "concurrent_pulls"
        case uiPublicURL = "ui_public_url"
        case sessionIdleMinutes = "session_idle_minutes"
        case sessionMaxHours = "session_max_hours"
        case bcryptCost = "bcrypt_cost"
    }

    /// What either server lets one connection, one address and everyone hold.
    public var connectionLimits: ConnectionLimits {
        ConnectionLimits(
            idleTimeout: .seconds(idleTimeoutSeconds), bodyGrace: .seconds(bodyGraceSeconds), minimumBodyBytesPerSecond: minimumBodyBytesPerSecond,
            connectionsPerAddress: connectionsPerAddress, connections: maxConnections, requestsPerPeer: requestsPerPeer)
    }

    /// When the store's commits reach the disk; `full` unless the setting says otherwise (it is validated).
    public var synchronous: NodeStore.Synchronous { NodeStore.Synchronous(rawValue: sqliteSynchronous) ?? .full }

    /// The review queue's rules these settings describe.
    public var reviewPolicy: ReviewPolicy {
        ReviewPolicy(flagThreshold: reviewFlagThreshold, flagWindowSeconds: reviewFlagWindowSeconds)
    }

    /// The retention policy these settings describe, checked.
    public func retentionPolicy() throws(ValidationError) -> RetentionPolicy {
        var policy = RetentionPolicy()
        for (type, days) in retentionDays { policy.days[type] = days }
        return try policy.validated()
    }

    /// Checks every field, naming the first that is wrong.
    public func validated() throws(ValidationError) -> NodeConfiguration {
        guard (0...65535).contains(apiPort) else { throw ValidationError(field: "api_port", reason: "A port is 0 to 65535.") }
        guard syncIntervalSeconds >= 1 else {
            throw ValidationError(field: "sync_interval_seconds", reason: "The sync interval is at least 1 second.")
        }
        guard (0...65535).contains(peerPort) else { throw ValidationError(field: "peer_port", reason: "A port is 0 to 65535.") }
        guard sweepIntervalSeconds >= 1 else {
            throw ValidationError(field: "sweep_interval_seconds", reason: "The sweep interval is at least 1 second.")
        }
        guard maxBodyBytes >= 1024 else { throw ValidationError(field: "max_body_bytes", reason: "The body limit is at least 1024 bytes.") }
        guard (1...100_000).contains(maxBatchItems) else {
            throw ValidationError(field: "max_batch_items", reason: "A batch holds 1 to 100000 items.")
        }
        guard tombstoneMaxAgeSeconds >= 1 else {
            throw ValidationError(field: "tombstone_max_age_seconds", reason: "The tombstone age bound is at least 1 second.")
        }
        guard tombstoneIntervalSeconds >= 1 else {
            throw ValidationError(field: "tombstone_interval_seconds", reason: "The tombstone collection interval is at least 1 second.")
        }
        guard (2...1_000_000).contains(reviewFlagThreshold) else {
            throw ValidationError(field: "review_flag_threshold", reason: "A signal is flagged after 2 to 1000000 distinct matched items.")
        }
        guard (1...366 * 86_400).contains(reviewFlagWindowSeconds) else {
            throw ValidationError(field: "review_flag_window_seconds", reason: "The flag window is 1 second to 366 days.")
        }
        guard (1...3600).contains(idleTimeoutSeconds) else {
            throw ValidationError(field: "idle_timeout_seconds", reason: "The idle timeout is 1 to 3600 seconds.")
        }
        guard (1...3600).contains(bodyGraceSeconds) else {
            throw ValidationError(field: "body_grace_seconds", reason: "The body grace is 1 to 3600 seconds.")
        }
        guard (1...1 << 30).contains(minimumBodyBytesPerSecond) else {
            throw ValidationError(field: "minimum_body_bytes_per_second", reason: "The slowest body rate is 1 byte to 1 GiB a second.")
        }
        guard (1...100_000).contains(connectionsPerAddress), (connectionsPerAddress...1_000_000).contains(maxConnections) else {
            throw ValidationError(
                field: "connections_per_address", reason: "An address holds 1 to 100000 connections, and no more than max_connections.")
        }
        guard (4...10_000).contains(requestsPerPeer) else {
            throw ValidationError(field: "requests_per_peer", reason: "A peer may have 4 to 10000 requests under way.")
        }
        guard (1...1000).contains(concurrentPulls) else {
            throw ValidationError(field: "concurrent_pulls", reason: "1 to 1000 pulls may run at once.")
        }
        guard NodeStore.Synchronous(rawValue: sqliteSynchronous) != nil else {
            throw ValidationError(field: "sqlite_synchronous", reason: "SQLite's synchronous setting is 'full' or 'normal'.")
        }
        _ = try retentionPolicy()
        try validateAccounts()
        return self
    }
}
