import LanternCore

/// `GET /peer/v1/chains`: the chains a node holds that the caller may receive, and where each ends.
public struct ChainListMessage: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var origin: ParticipantID
        public var scope: String
        public var epoch: String
        public var seq: UInt64
        public var hash: String

        public init(origin: ParticipantID, scope: String, epoch: String, seq: UInt64, hash: String) {
            self.origin = origin
            self.scope = scope
            self.epoch = epoch
            self.seq = seq
            self.hash = hash
        }
    }

    public var chains: [Entry]

    public init(chains: [Entry]) { self.chains = chains }
}

/// `GET /peer/v1/chains/events`: a batch of one chain, its signed head, and the origin's certificate (PEM), so a
/// receiver can check the signature against the registry whoever relays the batch.
public struct ChainBatchMessage: Codable, Sendable {
    public var batch: ChainBatch
    public var originCertificate: String

    public init(batch: ChainBatch, originCertificate: String) {
        self.batch = batch
        self.originCertificate = originCertificate
    }

    enum CodingKeys: String, CodingKey {
        case batch
        case originCertificate = "origin_certificate"
    }
}
