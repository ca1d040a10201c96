import Crypto
public import Foundation
public import LanternCore
import LanternWire

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
    /// SHA-256 of the body.
    public var bodyDigest: ChainDigest
    /// The body (a signal for upserts, a removal record for removals), or `nil` once purged.
    public var body: Data?
    public var previousHash: ChainDigest
    public var hash: ChainDigest

    enum CodingKeys: String, CodingKey {
        case origin, scope, epoch, seq, revision, kind, body, hash
        case signalID = "signal_id"
        case bodyDigest = "body_digest"
        case previousHash = "previous_hash"
    }

    /// Makes the next link after `previousHash`, computing digests and hash.
    public init(
        origin: ParticipantID, scope: Scope, epoch: String, seq: UInt64, signalID: String, revision: UInt64, kind: Kind,
        body: Data?, previousHash: ChainDigest
    ) {
        self.init(
            origin: origin, scope: scope, epoch: epoch, seq: seq, signalID: signalID, revision: revision, kind: kind,
            bodyDigest: Self.digest(body ?? Data()), previousHash: previousHash)
        self.body = body
    }

    /// Makes the next link from a body digest worked out beforehand; the event carries no body.
    public init(
        origin: ParticipantID, scope: Scope, epoch: String, seq: UInt64, signalID: String, revision: UInt64, kind: Kind,
        bodyDigest: ChainDigest, previousHash: ChainDigest
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
        self.hash = .zero
        self.hash = computedHash
    }

    /// An event with every field given, its hash included and not recomputed: for events read back from a store
    /// or from the wire. Whoever receives one checks `hash == computedHash` (`ChainVerifier` does).
    public init(
        origin: ParticipantID, scope: String, epoch: String, seq: UInt64, signalID: String, revision: UInt64, kind: Kind,
        bodyDigest: ChainDigest, body: Data?, previousHash: ChainDigest, hash: ChainDigest
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

    /// An event from a peer: its sequence number, revision and epoch within `WireBounds`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        origin = try c.decode(ParticipantID.self, forKey: .origin)
        scope = try c.decode(String.self, forKey: .scope)
        epoch = try WireBounds.epoch(try c.decode(String.self, forKey: .epoch), .epoch, in: c)
        seq = try WireBounds.counter(try c.decode(UInt64.self, forKey: .seq), .seq, in: c)
        signalID = try c.decode(String.self, forKey: .signalID)
        revision = try WireBounds.counter(try c.decode(UInt64.self, forKey: .revision), .revision, in: c)
        kind = try c.decode(Kind.self, forKey: .kind)
        bodyDigest = try c.decode(ChainDigest.self, forKey: .bodyDigest)
        body = try c.decodeIfPresent(Data.self, forKey: .body)
        previousHash = try c.decode(ChainDigest.self, forKey: .previousHash)
        hash = try c.decode(ChainDigest.self, forKey: .hash)
    }

    /// The hash this event must have: SHA-256 over a fixed, line-separated encoding of every field but the body.
    public var computedHash: ChainDigest {
        Self.hash(
            origin: origin.rawValue, scope: scope, epoch: epoch, seq: seq, signalID: signalID, revision: revision, kind: kind,
            bodyDigest: bodyDigest, previousHash: previousHash)
    }

    /// The event hash from its fields: SHA-256 of `lantern-event-v1`, origin, scope, epoch, seq, signal id, revision,
    /// kind, body digest (hex) and previous hash (hex), one per line, the last without a newline. The text is laid
    /// out in one buffer and hashed at once, because every local write and every received event computes one.
    public static func hash(
        origin: String, scope: String, epoch: String, seq: UInt64, signalID: String, revision: UInt64, kind: Kind, bodyDigest: ChainDigest,
        previousHash: ChainDigest
    ) -> ChainDigest {
        var preimage = HashPreimage()
        preimage.line("lantern-event-v1")
        preimage.line(origin)
        preimage.line(scope)
        preimage.line(epoch)
        preimage.line(seq)
        preimage.line(signalID)
        preimage.line(revision)
        preimage.line(kind.rawValue)
        bodyDigest.withHex { preimage.append($0) }
        preimage.append(0x0A)
        previousHash.withHex { preimage.append($0) }
        return preimage.digest
    }

    /// Whether the event's hash is the one its fields give (`computedHash`).
    public var hashIsValid: Bool { hash == computedHash }

    /// Whether the body, if present, is the one the chain committed to.
    public var bodyMatchesDigest: Bool {
        guard let body else { return true }
        return ChainDigest.of(body) == bodyDigest
    }

    /// The same event without its body.
    public var purged: ChainEvent {
        var copy = self
        copy.body = nil
        return copy
    }

    /// SHA-256 of a body.
    public static func digest(_ body: Data) -> ChainDigest { ChainDigest.of(body) }

    /// The hash before the first event of every chain.
    public static let genesis = ChainDigest.zero
}

/// The text an event hash covers, laid out in one growing byte buffer.
struct HashPreimage {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(320) }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(_ buffer: UnsafeRawBufferPointer) { bytes.append(contentsOf: buffer) }

    mutating func line(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
        bytes.append(0x0A)
    }

    /// A number in decimal, then a newline.
    mutating func line(_ number: UInt64) {
        JSONText.appendInteger(number, to: &bytes)
        bytes.append(0x0A)
    }

    var digest: ChainDigest {
        bytes.withUnsafeBytes { ChainDigest.of($0) }
    }
}
