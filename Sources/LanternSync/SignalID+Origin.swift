import Crypto
import LanternCore

/// How a signal id is bound to its origin, so that no other participant can speak for it.
///
/// A ULID has 10 characters of time and 16 of randomness. An origin keeps 9 of the 16 random (45 bits) and makes
/// the last 7 (35 bits) a tag: the first 35 bits of SHA-256 over `lantern-signal-id-v1`, the origin's participant
/// id and the id's first 19 characters, one per line. A receiver recomputes the tag for the origin of every
/// event: another participant cannot make an event about an id that is not its own count, since the id and its own
/// participant id (from its certificate) leave it nothing to choose.
extension SignalID {
    static let tagCharacters = 7
    static let prefixCharacters = 19

    /// A fresh id of `origin`'s, made at `milliseconds` with 45 bits from `generator`.
    public static func generate(for origin: ParticipantID, milliseconds: UInt64, using generator: inout some RandomNumberGenerator) -> SignalID {
        make(for: origin, milliseconds: milliseconds, random: generator.next())
    }

    /// The id of `origin`'s made at `milliseconds` with the low 45 bits of `random`.
    public static func make(for origin: ParticipantID, milliseconds: UInt64, random: UInt64) -> SignalID {
        // The unbound form puts `random` in the low bits of the last 16 characters; shifting it up by 35 bits
        // leaves 9 characters of it and 7 of zeros, which the tag then replaces.
        let unbound = SignalID(milliseconds: milliseconds, random: ((random & (1 << 45 - 1)) << 35, UInt16(truncatingIfNeeded: random >> 29)))
        var bytes = Array(unbound.rawValue.utf8)
        let tag = tag(of: bytes[..<prefixCharacters], origin: origin)
        bytes.replaceSubrange(prefixCharacters..., with: tag)
        return SignalID(String(decoding: bytes, as: UTF8.self))!
    }

    /// Whether this id was made by `origin`: its tag is the one `origin` and its first 19 characters give.
    public func isBound(to origin: ParticipantID) -> Bool {
        let bytes = Array(rawValue.utf8)
        return bytes[Self.prefixCharacters...].elementsEqual(Self.tag(of: bytes[..<Self.prefixCharacters], origin: origin))
    }

    /// Whether `text`, a signal id as an event carries it, is an id `origin` made.
    public static func isBound(_ text: String, to origin: ParticipantID) -> Bool {
        SignalID(text).map { $0.rawValue == text && $0.isBound(to: origin) } ?? false
    }

    static func tag(of prefix: ArraySlice<UInt8>, origin: ParticipantID) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Array("lantern-signal-id-v1\n".utf8))
        hasher.update(data: Array(origin.rawValue.utf8))
        hasher.update(data: [UInt8(ascii: "\n")])
        hasher.update(data: Array(prefix))
        let digest = Array(hasher.finalize())
        // 35 bits, 5 at a time, from the digest's first 5 bytes.
        var bits = digest[0..<5].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        bits >>= 5
        var out = [UInt8](repeating: 0, count: tagCharacters)
        for index in stride(from: tagCharacters - 1, through: 0, by: -1) {
            out[index] = alphabet[Int(bits & 31)]
            bits >>= 5
        }
        return out
    }
}
