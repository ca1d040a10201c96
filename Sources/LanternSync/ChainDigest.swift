public import Crypto
public import Foundation

/// A SHA-256 value of the chain (an event's hash, a body's digest) held as its 32 bytes, so verifying, framing
/// and storing an event never builds text; wherever text carries one (JSON, the event hash's own input, the API)
/// it is 64 lowercase hexadecimal digits, as protocol.md specifies.
public struct ChainDigest: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The bytes, eight at a time, big-endian: byte 0 is the top byte of `w0`.
    private var w0, w1, w2, w3: UInt64

    /// The hash before the first event of every chain: 32 zero bytes.
    public static let zero = ChainDigest(w0: 0, w1: 0, w2: 0, w3: 0)

    private init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    /// Exactly 32 bytes, or nil.
    public init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 32 else { return nil }
        func word(_ at: Int) -> UInt64 { UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        self.init(w0: word(0), w1: word(8), w2: word(16), w3: word(24))
    }

    /// Exactly 32 bytes, or nil.
    public init?(data: Data) {
        guard let digest = data.withUnsafeBytes({ ChainDigest(bytes: $0) }) else { return nil }
        self = digest
    }

    public init(_ digest: SHA256.Digest) {
        self = digest.withUnsafeBytes { ChainDigest(bytes: $0)! }
    }

    /// 64 lowercase hexadecimal digits, or nil for anything else.
    public init?(hex: String) {
        var hex = hex
        guard
            let digest = hex.withUTF8({ text -> ChainDigest? in
                guard text.count == 64 else { return nil }
                func word(_ at: Int) -> UInt64? {
                    var word: UInt64 = 0
                    for index in at..<at + 16 {
                        guard let value = Self.value(ofDigit: text[index]) else { return nil }
                        word = word << 4 | UInt64(value)
                    }
                    return word
                }
                guard let w0 = word(0), let w1 = word(16), let w2 = word(32), let w3 = word(48) else { return nil }
                return ChainDigest(w0: w0, w1: w1, w2: w2, w3: w3)
            })
        else { return nil }
        self = digest
    }

    /// SHA-256 of `data`.
    public static func of(_ data: Data) -> ChainDigest { ChainDigest(SHA256.hash(data: data)) }

    /// SHA-256 of `bytes`.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> ChainDigest { ChainDigest(SHA256.hash(data: bytes)) }

    /// Calls `body` with the 32 bytes.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var words = (w0.bigEndian, w1.bigEndian, w2.bigEndian, w3.bigEndian)
        return try Swift.withUnsafeBytes(of: &words) { try body($0) }
    }

    /// The 32 bytes.
    public var data: Data { withUnsafeBytes { Data($0) } }

    /// Appends the 32 bytes.
    public func append(to out: inout [UInt8]) {
        withUnsafeBytes { out.append(contentsOf: $0) }
    }

    /// Calls `body` with the 64 lowercase hexadecimal digits, written on the stack.
    public func withHex<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBytes { bytes in
            try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { text in
                for (index, byte) in bytes.enumerated() {
                    text[2 * index] = Self.digits[Int(byte >> 4)]
                    text[2 * index + 1] = Self.digits[Int(byte & 0x0F)]
                }
                return try body(UnsafeRawBufferPointer(text))
            }
        }
    }

    /// 64 lowercase hexadecimal digits.
    public var hex: String {
        withHex { text in String(decoding: text, as: UTF8.self) }
    }

    public var description: String { hex }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let digest = ChainDigest(hex: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "A hash must be 64 lowercase hexadecimal digits.")
        }
        self = digest
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func value(ofDigit c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }
}
