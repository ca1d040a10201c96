import Crypto
import Foundation
import LanternCore

/// One change an origin made, as a link of its hash chain for one scope.
///
/// The hash covers the header and a digest of the body, not the body itself, so a node can purge a body it must no
/// longer hold (an older revision, a removed signal) and still prove the chain to others.
public struct ChainEvent: Hashable, Sendable, Codable {
    public enum Kind: String, Codable, Sendable {
        /// The signal as it now is (new or updated).
        case upsert
        /// The origin removed the signal: every copy is purged, for good.
        case remove
        /// The signal left this scope (its audience changed): members of this scope that are not entitled under
        /// the new audience drop their copy.
        case retract
        /// In a new epoch (the origin restored from a backup), everything live in this scope has been published
        /// again by this point: a receiver drops what it holds of this origin in this scope that the epoch never
        /// mentioned (signals the origin no longer knows), so nothing stale outlives a restore.
        case snapshot
    }

    public var origin: ParticipantID
    public var scope: String
    public var epoch: String
    public var seq: UInt64
    public var signalID: String
    /// The origin's counter at this change; the higher revision of a signal wins.
    public var revision: UInt64
    public var kind: Kind
    /// SHA-256 of the body, lowercase hex.
    public var bodyDigest: String
    /// The body (a signal for upserts, a removal record for removals), or `nil` once purged.
    public var body: Data?
    public var previousHash: String
    public var hash: String

    enum CodingKeys: String, CodingKey {
        case origin, scope, epoch, seq, revision, kind, body, hash
        case signalID = "signal_id"
        case bodyDigest = "body_digest"
        case previousHash = "previous_hash"
    }

    /// Makes the next link after `previousHash`, computing digests and hash.
    public init(
        origin: ParticipantID, scope: Scope, epoch: String, seq: UInt64, signalID: String, revision: UInt64, kind: Kind,
        body: Data?, previousHash: String
    ) {
        self.init(
            origin: origin, scope: scope, epoch: epoch, seq: seq, signalID: signalID, revision: revision, kind: kind,
            bodyDigest: Self.digest(body ?? Data()), previousHash: previousHash)
        self.body = body
    }

    /// Makes the next link from a body digest worked out beforehand; the event carries no body.
    public init(
        origin: ParticipantID, scope: Scope, epoch: String, seq: UInt64, signalID: String, revision: UInt64, kind: Kind,
        bodyDigest: String, previousHash: String
    ) {
        self.origin = origin
        self.scope = scope.description
        self.epoch = epoch
        self.seq = seq
        self.signalID = signalID
        self.revision = revision
        self.kind = kind
        self.body = nil
        self.bodyDigest = bodyDigest
        self.previousHash = previousHash
        self.hash = ""
        self.hash = computedHash
    }

    /// An event with every field given, its hash included and not recomputed: for events read back from a store
    /// or from the wire. Whoever receives one checks `hash == computedHash` (`ChainVerifier` does).
    public init(
        origin: ParticipantID, scope: String, epoch: String, seq: UInt64, signalID: String, revision: UInt64, kind: Kind,
        bodyDigest: String, body: Data?, previousHash: String, hash: String
    ) {
        self.origin = origin
        self.scope = scope
        self.epoch = epoch
        self.seq = seq
        self.signalID = signalID
        self.revision = revision
        self.kind = kind
        self.bodyDigest = bodyDigest
        self.body = body
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash this event must have: SHA-256 over a fixed, line-separated encoding of every field but the body.
    public var computedHash: String {
        Hex.encode(
            Self.hashBytes(
                origin: origin.rawValue, scope: scope, epoch: epoch, seq: seq, signalID: signalID, revision: revision, kind: kind,
                bodyDigest: bodyDigest, previousHash: previousHash))
    }

    /// The event hash from its fields: `lantern-event-v1`, origin, scope, epoch, seq, signal id, revision, kind, body
    /// digest and previous hash, one per line. Written piece by piece into the hasher, because every local write
    /// computes one.
    public static func hashBytes(
        origin: String, scope: String, epoch: String, seq: UInt64, signalID: String, revision: UInt64, kind: Kind, bodyDigest: String,
        previousHash: String
    ) -> SHA256.Digest {
        var hasher = SHA256()
        let newline = Data([0x0A])
        for piece in ["lantern-event-v1", origin, scope, epoch, String(seq), signalID, String(revision), kind.rawValue, bodyDigest] {
            var piece = piece
            piece.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            hasher.update(data: newline)
        }
        var last = previousHash
        last.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return hasher.finalize()
    }

    /// Whether the event's hash is the one its fields give (`computedHash`), checked without building the text.
    public var hashIsValid: Bool {
        Hex.matches(
            Self.hashBytes(
                origin: origin.rawValue, scope: scope, epoch: epoch, seq: seq, signalID: signalID, revision: revision, kind: kind,
                bodyDigest: bodyDigest, previousHash: previousHash),
            hex: hash)
    }

    /// Whether the body, if present, is the one the chain committed to.
    public var bodyMatchesDigest: Bool {
        guard let body else { return true }
        return Hex.matches(SHA256.hash(data: body), hex: bodyDigest)
    }

    /// The same event without its body.
    public var purged: ChainEvent {
        var copy = self
        copy.body = nil
        return copy
    }

    /// Whether `body` hashes to `digest` (32 bytes).
    public static func digest(of body: Data, is digest: Data) -> Bool {
        SHA256.hash(data: body).withUnsafeBytes { $0.elementsEqual(digest) }
    }

    /// SHA-256 of a body, lowercase hex.
    public static func digest(_ body: Data) -> String { Hex.encode(SHA256.hash(data: body)) }

    /// The hash before the first event of every chain.
    public static let genesis = String(repeating: "0", count: 64)

}
