extension QRCode.Matrix {
    /// The standard's penalty for a masked grid: runs of five or more, 2×2 blocks, finder-like patterns, and an
    /// imbalance of dark and light. The mask with the lowest is used.
    var penalty: Int {
        var score = 0
        func dark(_ row: Int, _ column: Int) -> Bool { modules[row * size + column] }
        for horizontal in [true, false] {
            for line in 0..<size {
                var runColour = false
                var run = 0
                var history: [Bool] = []
                for position in 0..<size {
                    let value = horizontal ? dark(line, position) : dark(position, line)
                    if position > 0 && value == runColour {
                        run += 1
                    } else {
                        if run >= 5 { score += run - 2 }
                        runColour = value
                        run = 1
                    }
                    history.append(value)
                }
                if run >= 5 { score += run - 2 }
                score += 40 * Self.finderLikeCount(history)
            }
        }
        for row in 0..<(size - 1) {
            for column in 0..<(size - 1) {
                let value = dark(row, column)
                if value == dark(row, column + 1) && value == dark(row + 1, column) && value == dark(row + 1, column + 1) { score += 3 }
            }
        }
        let darkCount = modules.reduce(0) { $0 + ($1 ? 1 : 0) }
        let total = size * size
        score += abs(darkCount * 100 / total - 50) / 5 * 10
        return score
    }

    /// Occurrences of 1:1:3:1:1 (dark-light-dark×3-light-dark) with four light modules on either side.
    private static func finderLikeCount(_ line: [Bool]) -> Int {
        let pattern: [Bool] = [true, false, true, true, true, false, true]
        var count = 0
        guard line.count >= 11 else { return 0 }
        for start in 0...(line.count - 7) where Array(line[start..<start + 7]) == pattern {
            let before = start >= 4 && line[(start - 4)..<start].allSatisfy { !$0 }
            let after = start + 11 <= line.count && line[(start + 7)..<(start + 11)].allSatisfy { !$0 }
            if before || after { count += 1 }
        }
        return count
    }
}
