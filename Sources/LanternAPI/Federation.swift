// The federation resources of the local API: docs/openapi.json, schemas Peer and PeerStatus (SyncReport is in
// SyncReport.swift).

/// A configured peer (`Peer`).
public struct PeerResource: Codable, Sendable, Equatable {
    public var participant: String
    public var url: String

    public init(participant: String, url: String) {
        self.participant = participant
        self.url = url
    }
}

/// The URL of a peer to add or change.
public struct PeerBody: Codable, Sendable, Equatable {
    public var url: String

    public init(url: String) {
        self.url = url
    }
}

/// The configured peers.
public struct PeerListResource: Codable, Sendable, Equatable {
    public var peers: [PeerResource]

    public init(peers: [PeerResource]) {
        self.peers = peers
    }
}

/// What a peer answered just now, and what this node knows of it (`PeerStatus`).
public struct PeerStatusResource: Codable, Sendable, Equatable {
    /// One scope of the peer's chains at the last pull.
    public struct ScopeStatus: Codable, Sendable, Equatable {
        public var scope: String
        /// Events the peer offered at the last pull that this node does not hold.
        public var lag: Int
        public var lastPull: String?

        public init(scope: String, lag: Int, lastPull: String? = nil) {
            self.scope = scope
            self.lag = lag
            self.lastPull = lastPull
        }

        enum CodingKeys: String, CodingKey {
            case scope, lag
            case lastPull = "last_pull"
        }
    }

    public var participant: String
    public var url: String
    public var reachable: Bool
    public var registryVersion: UInt64?
    public var error: String?
    public var lastContact: String?
    public var lastError: String?
    public var lastErrorAt: String?
    public var scopes: [ScopeStatus]

    public init(
        participant: String, url: String, reachable: Bool, registryVersion: UInt64? = nil, error: String? = nil, lastContact: String? = nil,
        lastError: String? = nil, lastErrorAt: String? = nil, scopes: [ScopeStatus]
    ) {
        self.participant = participant
        self.url = url
        self.reachable = reachable
        self.registryVersion = registryVersion
        self.error = error
        self.lastContact = lastContact
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.scopes = scopes
    }

    enum CodingKeys: String, CodingKey {
        case participant, url, reachable, error, scopes
        case registryVersion = "registry_version"
        case lastContact = "last_contact"
        case lastError = "last_error"
        case lastErrorAt = "last_error_at"
    }
}

/// Every peer's status.
public struct PeerStatusListResource: Codable, Sendable, Equatable {
    public var peers: [PeerStatusResource]

    public init(peers: [PeerStatusResource]) {
        self.peers = peers
    }
}
