import LanternTesting
import Testing

@testable import LanternMatch

/// The index must find exactly what a brute-force scan finds: every hash within the threshold, nothing beyond.
@Suite struct PDQIndexTests {
    func random(_ generator: inout SeededGenerator) -> PDQHash {
        PDQHash(generator.next(), generator.next(), generator.next(), generator.next())
    }

    /// `hash` with `bits` distinct random bits flipped.
    func flipped(_ hash: PDQHash, bits: Int, _ generator: inout SeededGenerator) -> PDQHash {
        var words = [hash.w0, hash.w1, hash.w2, hash.w3]
        var chosen = Set<Int>()
        while chosen.count < bits { chosen.insert(Int(generator.next() % 256)) }
        for bit in chosen { words[bit / 64] ^= 1 << UInt64(63 - bit % 64) }
        return PDQHash(words[0], words[1], words[2], words[3])
    }

    func bruteForce(_ items: [Int: PDQHash], _ query: PDQHash, _ threshold: Int) -> [Int: Int] {
        items.reduce(into: [:]) { found, item in
            let distance = item.value.distance(to: query)
            if distance <= threshold { found[item.key] = distance }
        }
    }

    func check(_ index: PDQIndex<Int>, _ items: [Int: PDQHash], query: PDQHash, threshold: Int) {
        let found = index.matches(query, within: threshold)
        let expected = bruteForce(items, query, threshold)
        #expect(Dictionary(uniqueKeysWithValues: found.map { ($0.key, $0.distance) }) == expected, "threshold \(threshold)")
        #expect(found.count == expected.count, "no key twice")
        #expect(found.map(\.distance) == found.map(\.distance).sorted(), "nearest first")
    }

    @Test(arguments: [PDQLayout.narrow, .wide])
    func everyMatchWithinTheThresholdAndNothingBeyond(layout: PDQLayout) {
        var generator = SeededGenerator(state: 1)
        var items: [Int: PDQHash] = [:]
        for key in 0..<20_000 { items[key] = random(&generator) }
        let index = PDQIndex(items.map { (key: $0.key, hash: $0.value) }, layout: layout)
        #expect(index.count == 20_000 && index.layout == layout)
        for round in 0..<300 {
            let base = items[Int(generator.next() % 20_000)]!
            // Near-duplicates at every distance around the thresholds, and unrelated queries.
            let query = round % 5 == 0 ? random(&generator) : flipped(base, bits: round % 45, &generator)
            for threshold in [0, 1, 8, 15, 16, 17, 24, 31, 32, 40] { check(index, items, query: query, threshold: threshold) }
        }
    }

    @Test(arguments: [PDQLayout.narrow, .wide])
    func changesTakeEffectAtOnce(layout: PDQLayout) {
        var generator = SeededGenerator(state: 2)
        var items: [Int: PDQHash] = [:]
        for key in 0..<1000 { items[key] = random(&generator) }
        var index = PDQIndex(items.map { (key: $0.key, hash: $0.value) }, layout: layout)
        let target = items[7]!
        #expect(index.matches(target, within: 0).map(\.key) == [7])
        // Removed: it stops matching at once.
        let removed = index.remove(7)
        items[7] = nil
        #expect(removed && index.matches(target, within: 31).isEmpty)
        let again = index.remove(7)
        #expect(!again)
        // Added after the build, and a key given a new hash: found in the tail, the old hash no longer matches.
        let added = flipped(target, bits: 3, &generator)
        index.insert(added, for: 5000)
        items[5000] = added
        let moved = random(&generator)
        let old = items[8]!
        index.insert(moved, for: 8)
        items[8] = moved
        #expect(index.matches(target, within: 31).map(\.key) == [5000])
        #expect(!index.matches(old, within: 0).contains { $0.key == 8 })
        #expect(index.hash(for: 8) == moved && index.count == 1000)
        // Enough changes to rebuild the tables, several times over: still exact.
        for key in 10_000..<30_000 {
            let hash = key % 3 == 0 ? flipped(target, bits: key % 40, &generator) : random(&generator)
            index.insert(hash, for: key)
            items[key] = hash
            if key % 4 == 0, let victim = items.keys.first(where: { $0 < 1000 && $0 % 7 == key % 7 }) {
                index.remove(victim)
                items[victim] = nil
            }
        }
        #expect(index.count == items.count)
        for threshold in [0, 10, 31, 45] { check(index, items, query: target, threshold: threshold) }
    }

    @Test func aBatchOnSeveralThreadsAnswersAsOneQueryAtATime() {
        var generator = SeededGenerator(state: 3)
        let hashes = (0..<5000).map { _ in random(&generator) }
        let index = PDQIndex(hashes.enumerated().map { (key: $0.offset, hash: $0.element) })
        let queries = (0..<301).map { n in n % 2 == 0 ? flipped(hashes[n * 7], bits: n % 33, &generator) : random(&generator) }
        for threads in [1, 2, 3, 8] {
            let batched = index.matches(queries, within: 31, threads: threads)
            #expect(batched.count == queries.count)
            for (query, found) in zip(queries, batched) {
                let single = index.matches(query, within: 31)
                #expect(found.map(\.key) == single.map(\.key) && found.map(\.distance) == single.map(\.distance))
            }
        }
        #expect(index.matches([], within: 31, threads: 2).isEmpty)
    }

    @Test func theLayoutFollowsTheSizeAtEachRebuild() {
        #expect(PDQLayout.forCount(1_000_000) == .narrow && PDQLayout.forCount(10_000_000) == .wide)
        // The radius at distance 31 is what the pigeonhole allows: 31 / 16 = 1, 31 / 11 = 2; equal chunks from 15
        // and 21 down.
        #expect(PDQLayout.narrow.radius(for: 31) == 1 && PDQLayout.wide.radius(for: 31) == 2)
        #expect(PDQLayout.narrow.radius(for: 15) == 0 && PDQLayout.wide.radius(for: 10) == 0)
        var visited: [Int] = []
        PDQLayout.wide.neighbours(of: 0, radius: 2) { visited.append($0) }
        #expect(visited.count == 1 + 22 + 231 && Set(visited).count == visited.count)
        #expect(visited.allSatisfy { $0.nonzeroBitCount <= 2 && $0 < 1 << 22 })
    }

    @Test func hashesReadAndWriteAsHex() {
        let text = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"
        let hash = PDQHash(hex: text)
        #expect(hash?.hex == text)
        #expect(PDQHash(hex: text.uppercased())?.hex == text)
        #expect(PDQHash(hex: String(text.dropLast())) == nil)
        #expect(PDQHash(hex: String(text.dropLast()) + "g") == nil)
        #expect(hash?.chunk(0) == 0xf8f8 && hash?.chunk(15) == 0x9b22)
        // Chunks of any width, across word boundaries too: bits 60 ..< 82 are the last hex digit of the first word
        // (f) and the first 18 bits of the second (0x0637 then 0b00).
        #expect(hash?.bits(at: 60, width: 22) == 0b1111_0000_0110_0011_0111_00)
        #expect(hash?.bits(at: 0, width: 16) == 0xf8f8 && hash?.bits(at: 240, width: 16) == 0x9b22)
        #expect(hash?.bits(at: 232, width: 22) == 0x9c_9b22 >> 2)
        #expect(hash.map { $0.distance(to: $0) } == 0)
    }
}
