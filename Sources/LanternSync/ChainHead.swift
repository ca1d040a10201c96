import Crypto
import Foundation
import LanternCore

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
