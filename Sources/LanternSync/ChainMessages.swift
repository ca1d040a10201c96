public import Crypto
public import LanternCore

/// `GET /peer/v1/chains`: the chains a node holds that the caller may receive, and where each ends.
public struct ChainListMessage: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var origin: ParticipantID
        public var scope: String
        public var epoch: String
        public var seq: UInt64
        public var hash: ChainDigest

        public init(origin: ParticipantID, scope: String, epoch: String, seq: UInt64, hash: ChainDigest) {
            self.origin = origin
            self.scope = scope
            self.epoch = epoch
            self.seq = seq
            self.hash = hash
        }

        enum CodingKeys: String, CodingKey { case origin, scope, epoch, seq, hash }

        /// A peer's entry: the sequence number and epoch within `WireBounds`, the scope one the protocol names.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            origin = try c.decode(ParticipantID.self, forKey: .origin)
            scope = try c.decode(String.self, forKey: .scope)
            guard Scope(scope) != nil else {
                throw DecodingError.dataCorruptedError(forKey: .scope, in: c, debugDescription: "'scope' is not a scope.")
            }
            epoch = try WireBounds.epoch(try c.decode(String.self, forKey: .epoch), .epoch, in: c)
            seq = try WireBounds.counter(try c.decode(UInt64.self, forKey: .seq), .seq, in: c)
            hash = try c.decode(ChainDigest.self, forKey: .hash)
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
    /// Heads the origin signed at each removal in the batch, so every receiver keeps a proof of the removal.
    public var removalHeads: [ChainHead]?

    public init(batch: ChainBatch, originCertificate: String, removalHeads: [ChainHead]? = nil) {
        self.batch = batch
        self.originCertificate = originCertificate
        self.removalHeads = removalHeads
    }

    enum CodingKeys: String, CodingKey {
        case batch
        case originCertificate = "origin_certificate"
        case removalHeads = "removal_heads"
    }

    /// The removal proofs this batch carries among `events` (those applied), given the origin's key.
    public func removalProofs(among events: [ChainEvent], key: P256.Signing.PublicKey) -> [RemovalProof] {
        let bySeq = Dictionary(events.filter { $0.kind == .remove }.map { ($0.seq, $0) }, uniquingKeysWith: { $1 })
        return (removalHeads ?? []).compactMap { head in
            bySeq[head.seq].map { RemovalProof(event: $0, head: head) }.flatMap { $0.isValid(signedBy: key) ? $0 : nil }
        }
    }
}

/// Proof that an origin removed a signal: the removal event and a head the origin signed at exactly that event.
/// It stands on its own, outside any chain or epoch, so a node restored from a backup older than the removal can
/// learn it back from its peers, and nobody can make one up.
public struct RemovalProof: Codable, Sendable, Equatable {
    public var event: ChainEvent
    public var head: ChainHead

    public init(event: ChainEvent, head: ChainHead) {
        self.event = event
        self.head = head
    }

    /// Whether this is a removal the holder of `key` signed.
    public func isValid(signedBy key: P256.Signing.PublicKey) -> Bool {
        event.kind == .remove && event.body != nil && event.hashIsValid && event.bodyMatchesDigest
            && head.origin == event.origin && head.scope == event.scope && head.epoch == event.epoch && head.seq == event.seq
            && head.hash == event.hash && head.isSigned(by: key)
    }
}

/// `GET /peer/v1/removals`: the removal proofs a node holds of the caller's own signals, by signal id.
public struct RemovalProofsMessage: Codable, Sendable {
    public var proofs: [RemovalProof]
    public init(proofs: [RemovalProof]) { self.proofs = proofs }
}

/// `GET /peer/v1/heads`: the newest head a node holds of each of the caller's own chains, as the caller signed it.
/// An origin that lost events it had published (a power loss) learns it from these, and starts a new epoch.
public struct ChainHeadsMessage: Codable, Sendable {
    public var heads: [ChainHead]
    public init(heads: [ChainHead]) { self.heads = heads }
}
