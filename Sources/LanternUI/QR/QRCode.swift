/// A QR code (ISO/IEC 18004) for bytes, at error-correction level M, drawn by the enrolment page as SVG so an
/// authenticator app can scan its key. No library in reach draws one, so this small encoder is the node's own:
/// byte mode, versions 1 to 40, the mask chosen by the standard's penalty rules.
struct QRCode: Sendable {
    /// The version (1 to 40): the code is `17 + 4 × version` modules wide.
    let version: Int
    let mask: Int
    /// Row-major, `size × size`; true is a dark module.
    let modules: [Bool]

    var size: Int { 17 + 4 * version }

    func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }

    /// Encodes `bytes` in the smallest version that holds them; nil if even version 40 cannot. `forcedMask` fixes
    /// the mask, so a test can compare with another encoder's output.
    init?(bytes: [UInt8], forcedMask: Int? = nil) {
        guard let version = (1...40).first(where: { Self.capacity(version: $0) >= bytes.count }) else { return nil }
        let codewords = Self.codewords(for: bytes, version: version)
        var matrix = Matrix(version: version)
        matrix.placeData(codewords)
        let mask = forcedMask ?? (0..<8).min(by: { matrix.masked($0).penalty < matrix.masked($1).penalty })!
        self.version = version
        self.mask = mask
        self.modules = matrix.masked(mask).modules
    }

    /// How many bytes a version holds in byte mode at level M.
    static func capacity(version: Int) -> Int {
        let bits = levelMBlocks[version - 1].dataCodewords * 8 - 4 - countBits(version)
        return bits / 8
    }

    static func countBits(_ version: Int) -> Int { version < 10 ? 8 : 16 }

    /// The data bits (mode, count, bytes, terminator, padding), split into blocks with their error correction and
    /// interleaved as the standard places them.
    static func codewords(for bytes: [UInt8], version: Int) -> [UInt8] {
        let blocks = levelMBlocks[version - 1]
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: countBits(version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacityBits = blocks.dataCodewords * 8
        bits.append(0, count: min(4, capacityBits - bits.count))
        if bits.count % 8 != 0 { bits.append(0, count: 8 - bits.count % 8) }
        var data = bits.bytes
        var pad: UInt8 = 0xEC
        while data.count < blocks.dataCodewords {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        var dataBlocks: [[UInt8]] = []
        var offset = 0
        for (count, length) in [blocks.group1, blocks.group2] {
            for _ in 0..<count {
                dataBlocks.append(Array(data[offset..<offset + length]))
                offset += length
            }
        }
        let generator = ReedSolomon.generator(degree: blocks.ecPerBlock)
        let ecBlocks = dataBlocks.map { ReedSolomon.remainder(of: $0, generator: generator) }
        var out: [UInt8] = []
        for index in 0..<(dataBlocks.map(\.count).max() ?? 0) {
            for block in dataBlocks where index < block.count { out.append(block[index]) }
        }
        for index in 0..<blocks.ecPerBlock {
            for block in ecBlocks { out.append(block[index]) }
        }
        return out
    }
}

/// Bits appended most significant first.
struct BitBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    mutating func append(_ value: Int, count length: Int) {
        for shift in stride(from: length - 1, through: 0, by: -1) {
            if count % 8 == 0 { bytes.append(0) }
            if (value >> shift) & 1 == 1 { bytes[count / 8] |= 0x80 >> UInt8(count % 8) }
            count += 1
        }
    }
}

/// Reed-Solomon error correction over GF(256) with the QR code's polynomial, x⁸ + x⁴ + x³ + x² + 1.
enum ReedSolomon {
    static let (exp, log): ([UInt8], [Int]) = {
        var exp = [UInt8](repeating: 0, count: 512)
        var log = [Int](repeating: 0, count: 256)
        var value = 1
        for power in 0..<255 {
            exp[power] = UInt8(value)
            log[value] = power
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        for power in 255..<512 { exp[power] = exp[power - 255] }
        return (exp, log)
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        a == 0 || b == 0 ? 0 : exp[log[Int(a)] + log[Int(b)]]
    }

    /// The generator polynomial of `degree`, highest coefficient first (the leading 1 left out).
    static func generator(degree: Int) -> [UInt8] {
        var polynomial: [UInt8] = [1]
        for root in 0..<degree {
            var next = [UInt8](repeating: 0, count: polynomial.count + 1)
            for (index, coefficient) in polynomial.enumerated() {
                next[index] ^= coefficient
                next[index + 1] ^= multiply(coefficient, exp[root])
            }
            polynomial = next
        }
        return Array(polynomial.dropFirst())
    }

    /// The remainder of `data × x^degree` divided by the generator: the error-correction codewords.
    static func remainder(of data: [UInt8], generator: [UInt8]) -> [UInt8] {
        var remainder = [UInt8](repeating: 0, count: generator.count)
        for byte in data {
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            for index in 0..<generator.count { remainder[index] ^= multiply(generator[index], factor) }
        }
        return remainder
    }
}
