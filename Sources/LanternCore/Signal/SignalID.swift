/// A signal's globally unique id, assigned by its origin: a ULID (26 Crockford base-32 characters: 48 bits of
/// milliseconds then 80 random bits). Ids made later sort later, which keeps SQLite inserts in key order.
public struct SignalID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// Validates a ULID string. Lowercase input is accepted and uppercased.
    public init?(_ raw: String) {
        // Ids arrive in canonical form nearly always (every received signal has one): checked in place.
        if Self.isCanonical(raw.utf8) {
            self.rawValue = raw
            return
        }
        let upper = raw.uppercased()
        guard Self.isCanonical(upper.utf8) else { return nil }
        self.rawValue = upper
    }

    /// 26 characters of the uppercase alphabet, the first of which holds only the top 3 bits of the 48-bit time.
    public static func isCanonical(_ bytes: String.UTF8View) -> Bool {
        guard bytes.count == 26, let first = bytes.first, first <= UInt8(ascii: "7") else { return false }
        return bytes.allSatisfy(isAlphabet)
    }

    /// Crockford's base 32: digits and uppercase letters but I, L, O and U.
    static func isAlphabet(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "I"), UInt8(ascii: "L"), UInt8(ascii: "O"), UInt8(ascii: "U"): false
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        default: false
        }
    }

    /// Makes an id from a time in milliseconds since 1970 and 80 bits of randomness.
    public init(milliseconds: UInt64, random: (UInt64, UInt16)) {
        var out = [UInt8](repeating: 0, count: 26)
        var time = milliseconds & 0xFFFF_FFFF_FFFF
        for i in stride(from: 9, through: 0, by: -1) {
            out[i] = Self.alphabet[Int(time & 31)]
            time >>= 5
        }
        // 80 random bits as 16 characters of 5 bits.
        var high = UInt64(random.1)  // 16 bits
        var low = random.0  // 64 bits
        for i in stride(from: 25, through: 10, by: -1) {
            out[i] = Self.alphabet[Int(low & 31)]
            low = (low >> 5) | ((high & 31) << 59)
            high >>= 5
        }
        self.rawValue = String(decoding: out, as: UTF8.self)
    }

    /// Makes a fresh id with the given generator.
    public static func generate(milliseconds: UInt64, using generator: inout some RandomNumberGenerator) -> SignalID {
        SignalID(milliseconds: milliseconds, random: (generator.next(), UInt16.random(in: .min ... .max, using: &generator)))
    }

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
