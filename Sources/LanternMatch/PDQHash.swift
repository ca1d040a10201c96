import LanternCore

/// A 256-bit PDQ hash as four 64-bit words, so the Hamming distance between two is four population counts.
public struct PDQHash: Hashable, Sendable {
    public var w0: UInt64
    public var w1: UInt64
    public var w2: UInt64
    public var w3: UInt64

    public init(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    /// Reads 64 hex digits (either case), the form PDQ hashes are shared in; nil for anything else.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var words: [UInt64] = [0, 0, 0, 0]
        for (index, digit) in digits.enumerated() {
            let value: UInt8
            switch digit {
            case 0x30...0x39: value = digit - 0x30
            case 0x61...0x66: value = digit - 0x61 + 10
            case 0x41...0x46: value = digit - 0x41 + 10
            default: return nil
            }
            words[index / 16] = words[index / 16] << 4 | UInt64(value)
        }
        self.init(words[0], words[1], words[2], words[3])
    }

    /// The hash as 64 lowercase hex digits.
    public var hex: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for word in [w0, w1, w2, w3] {
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return Hex.encode(bytes)
    }

    /// The number of bits in which two hashes differ, 0 to 256.
    @inlinable
    public func distance(to other: PDQHash) -> Int {
        (w0 ^ other.w0).nonzeroBitCount + (w1 ^ other.w1).nonzeroBitCount + (w2 ^ other.w2).nonzeroBitCount
            + (w3 ^ other.w3).nonzeroBitCount
    }

    /// `width` bits (at most 32) from bit `offset`, counted from the first hex digit, as a number.
    @inlinable
    public func bits(at offset: Int, width: Int) -> Int {
        let index = offset >> 6
        let shift = offset & 63
        let mask = UInt64(1) << UInt64(width) - 1
        if shift + width <= 64 { return Int(truncatingIfNeeded: (word(index) >> UInt64(64 - shift - width)) & mask) }
        // Across two words: the first word's last bits, then the next word's first ones.
        let rest = shift + width - 64
        return Int(truncatingIfNeeded: ((word(index) << UInt64(rest)) | (word(index + 1) >> UInt64(64 - rest))) & mask)
    }

    @inlinable
    func word(_ index: Int) -> UInt64 {
        switch index {
        case 0: w0
        case 1: w1
        case 2: w2
        default: w3
        }
    }

    /// Bits `16 * index ..< 16 * index + 16`, counted from the first hex digit.
    @inlinable
    public func chunk(_ index: Int) -> Int {
        let word: UInt64 =
            switch index >> 2 {
            case 0: w0
            case 1: w1
            case 2: w2
            default: w3
            }
        return Int(truncatingIfNeeded: (word >> UInt64(48 - 16 * (index & 3))) & 0xFFFF)
    }
}
