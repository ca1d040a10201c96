extension QRCode {
    /// The module grid while it is built: which modules are function patterns, and the data placed around them.
    struct Matrix {
        let version: Int
        let size: Int
        var modules: [Bool]
        var isFunction: [Bool]

        init(version: Int) {
            self.version = version
            size = 17 + 4 * version
            modules = Array(repeating: false, count: size * size)
            isFunction = Array(repeating: false, count: size * size)
            drawFunctionPatterns()
        }

        private mutating func set(_ row: Int, _ column: Int, _ dark: Bool) {
            modules[row * size + column] = dark
            isFunction[row * size + column] = true
        }

        private mutating func drawFunctionPatterns() {
            for index in 0..<size {
                set(6, index, index % 2 == 0)
                set(index, 6, index % 2 == 0)
            }
            for (row, column) in [(3, 3), (3, size - 4), (size - 4, 3)] { drawFinder(row, column) }
            let centres = QRCode.alignmentCentres[version - 1]
            for row in centres {
                for column in centres {
                    let nearFinder = (row == 6 && column == 6) || (row == 6 && column == centres.last) || (row == centres.last && column == 6)
                    if !nearFinder { drawAlignment(row, column) }
                }
            }
            drawFormat(mask: 0)
            drawVersion()
        }

        private mutating func drawFinder(_ row: Int, _ column: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let r = row + dy
                    let c = column + dx
                    guard (0..<size).contains(r), (0..<size).contains(c) else { continue }
                    let distance = max(abs(dx), abs(dy))
                    set(r, c, distance != 2 && distance != 4)
                }
            }
        }

        private mutating func drawAlignment(_ row: Int, _ column: Int) {
            for dy in -2...2 {
                for dx in -2...2 { set(row + dy, column + dx, max(abs(dx), abs(dy)) != 1) }
            }
        }

        /// The format information (level M and the mask, with its BCH code) in both copies, and the dark module.
        mutating func drawFormat(mask: Int) {
            let data = 0b00 << 3 | mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
            for index in 0...5 { set(index, 8, bit(index)) }
            set(7, 8, bit(6))
            set(8, 8, bit(7))
            set(8, 7, bit(8))
            for index in 9..<15 { set(8, 14 - index, bit(index)) }
            for index in 0..<8 { set(8, size - 1 - index, bit(index)) }
            for index in 8..<15 { set(size - 15 + index, 8, bit(index)) }
            set(size - 8, 8, true)
        }

        /// The version information of versions 7 and up (six bits with their BCH code), in both copies.
        private mutating func drawVersion() {
            guard version >= 7 else { return }
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for index in 0..<18 {
                let dark = (bits >> index) & 1 == 1
                let a = size - 11 + index % 3
                let b = index / 3
                set(a, b, dark)
                set(b, a, dark)
            }
        }

        /// Places the codewords' bits in the zigzag of two-module columns from the bottom right, skipping the
        /// vertical timing pattern.
        mutating func placeData(_ codewords: [UInt8]) {
            var bitIndex = 0
            let totalBits = codewords.count * 8
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for offset in 0..<2 {
                        let column = right - offset
                        let upward = (right + 1) & 2 == 0
                        let row = upward ? size - 1 - vertical : vertical
                        guard !isFunction[row * size + column] else { continue }
                        if bitIndex < totalBits {
                            modules[row * size + column] = (codewords[bitIndex >> 3] >> (7 - UInt8(bitIndex & 7))) & 1 == 1
                            bitIndex += 1
                        }
                    }
                }
                right -= 2
            }
        }

        /// A copy with `mask` applied to the data modules and its format information drawn.
        func masked(_ mask: Int) -> Matrix {
            var copy = self
            for row in 0..<size {
                for column in 0..<size where !isFunction[row * size + column] {
                    let flip: Bool =
                        switch mask {
                        case 0: (row + column) % 2 == 0
                        case 1: row % 2 == 0
                        case 2: column % 3 == 0
                        case 3: (row + column) % 3 == 0
                        case 4: (row / 2 + column / 3) % 2 == 0
                        case 5: row * column % 2 + row * column % 3 == 0
                        case 6: (row * column % 2 + row * column % 3) % 2 == 0
                        default: ((row + column) % 2 + row * column % 3) % 2 == 0
                        }
                    if flip { copy.modules[row * size + column].toggle() }
                }
            }
            copy.drawFormat(mask: mask)
            return copy
        }
    }
}
