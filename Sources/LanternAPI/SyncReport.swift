/// What one pull from one peer did: the answer of `POST /v1/sync`, per peer.
public struct SyncReport: Codable, Sendable, Equatable {
    public var peer: String
    public var batches = 0
    public var stored = 0
    public var removed = 0
    public var retracted = 0
    /// Why batches or events were refused, one sentence each.
    public var refused: [String] = []
    /// Why the pull stopped early, if it did.
    public var error: String?
    /// The epoch this node started at this pull because the peer holds events of its own it has lost.
    public var newEpoch: String?

    public init(peer: String) {
        self.peer = peer
    }

    enum CodingKeys: String, CodingKey {
        case peer, batches, stored, removed, retracted, refused, error
        case newEpoch = "new_epoch"
    }
}

/// The body of `POST /v1/sync`: one report per peer pulled.
public struct SyncReportList: Codable, Sendable, Equatable {
    public var peers: [SyncReport]

    public init(peers: [SyncReport]) {
        self.peers = peers
    }
}
