import Crypto
public import LanternCore

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
        Binding(origin: origin).isBound(rawValue)
    }

    /// Whether `text`, a signal id as an event carries it, is an id `origin` made.
    public static func isBound(_ text: String, to origin: ParticipantID) -> Bool {
        Binding(origin: origin).isBound(text)
    }

    static func tag(of prefix: ArraySlice<UInt8>, origin: ParticipantID) -> [UInt8] {
        let bits = prefix.withContiguousStorageIfAvailable { Binding(origin: origin).tagBits(of: $0) } ?? 0
        return (0..<tagCharacters).map { Binding.character(bits, at: $0) }
    }

    /// One origin's tags, worked out without allocating: the hash of the first two lines is taken once, and each id
    /// is read in place. A receiver checks every event's id this way.
    public struct Binding {
        public let origin: ParticipantID
        private let start: SHA256
        private static let domain = Array("lantern-signal-id-v1\n".utf8)

        public init(origin: ParticipantID) {
            var hasher = SHA256()
            hasher.update(data: Self.domain)
            hasher.update(data: Array(origin.rawValue.utf8))
            hasher.update(data: [UInt8(ascii: "\n")])
            self.origin = origin
            start = hasher
        }

        /// Whether `text` is an id in canonical form whose tag is this origin's.
        public func isBound(_ text: String) -> Bool {
            guard SignalID.isCanonical(text.utf8) else { return false }
            var text = text
            return text.withUTF8 { bytes in
                let bits = tagBits(of: UnsafeBufferPointer(rebasing: bytes[..<SignalID.prefixCharacters]))
                for index in 0..<SignalID.tagCharacters where bytes[SignalID.prefixCharacters + index] != Self.character(bits, at: index) {
                    return false
                }
                return true
            }
        }

        /// The tag's 35 bits: the first 35 of SHA-256 over the two lines and the id's first 19 characters.
        func tagBits(of prefix: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var hasher = start
            hasher.update(bufferPointer: UnsafeRawBufferPointer(prefix))
            return hasher.finalize().withUnsafeBytes { digest in (0..<5).reduce(UInt64(0)) { $0 << 8 | UInt64(digest[$1]) } } >> 5
        }

        /// The tag's character at `index`, 5 bits each, the first character the highest.
        static func character(_ bits: UInt64, at index: Int) -> UInt8 {
            alphabet[Int((bits >> UInt64(5 * (SignalID.tagCharacters - 1 - index))) & 31)]
        }
    }
}
