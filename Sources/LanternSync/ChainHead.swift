public import Crypto
public import Foundation
public import LanternCore

/// An origin's signature over the end of one of its chains: one signature per batch of events, not per event,
/// which keeps verification within a full sync's budget.
public struct ChainHead: Hashable, Sendable, Codable {
    public var origin: ParticipantID
    public var scope: String
    public var epoch: String
    public var seq: UInt64
    public var hash: ChainDigest
    /// ECDSA P-256 over `signedBytes` with the origin node's certificate key, DER in base64.
    public var signature: String

    public init(origin: ParticipantID, scope: String, epoch: String, seq: UInt64, hash: ChainDigest, signature: String) {
        self.origin = origin
        self.scope = scope
        self.epoch = epoch
        self.seq = seq
        self.hash = hash
        self.signature = signature
    }

    enum CodingKeys: String, CodingKey { case origin, scope, epoch, seq, hash, signature }

    /// A head from a peer: its sequence number and epoch within `WireBounds`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        origin = try c.decode(ParticipantID.self, forKey: .origin)
        scope = try c.decode(String.self, forKey: .scope)
        epoch = try WireBounds.epoch(try c.decode(String.self, forKey: .epoch), .epoch, in: c)
        seq = try WireBounds.counter(try c.decode(UInt64.self, forKey: .seq), .seq, in: c)
        hash = try c.decode(ChainDigest.self, forKey: .hash)
        signature = try c.decode(String.self, forKey: .signature)
    }

    /// What the origin signs.
    public var signedBytes: Data {
        Data(["lantern-head-v1", origin.rawValue, scope, epoch, String(seq), hash.hex].joined(separator: "\n").utf8)
    }

    /// Signs the head of a chain that ends with `event`.
    public static func sign(_ event: ChainEvent, with key: P256.Signing.PrivateKey) throws -> ChainHead {
        var head = ChainHead(origin: event.origin, scope: event.scope, epoch: event.epoch, seq: event.seq, hash: event.hash, signature: "")
        head.signature = try key.signature(for: head.signedBytes).derRepresentation.base64EncodedString()
        return head
    }

    /// Whether the signature is the origin's, given its public key.
    public func isSigned(by key: P256.Signing.PublicKey) -> Bool {
        guard let bytes = Data(base64Encoded: signature), let ecdsa = try? P256.Signing.ECDSASignature(derRepresentation: bytes) else {
            return false
        }
        return key.isValidSignature(ecdsa, for: signedBytes)
    }
}
