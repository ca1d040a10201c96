import ArgumentParser
import Foundation
import LanternMatch
import LanternTesting

/// The PDQ index on its own, in this process: build time, memory and queries per second at distance 31, with the
/// workload of the matching issue (random hashes, half the queries near-duplicates of indexed ones).
struct BenchPDQ: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdq", abstract: "Measure the PDQ index: build, memory, and single-threaded queries at distance 31.")

    @Option(help: "Random hashes to index.") var count: Int = 1_000_000
    @Option(help: "Queries; half are near-duplicates of indexed hashes.") var queries: Int = 10_000
    @Option(help: "Most bits flipped in a near-duplicate query.") var flips: Int = 20
    @Option(help: "The match threshold.") var threshold: Int = 31
    @Option(help: "Seed of the random hashes.") var seed: UInt64 = 1

    func run() async throws {
        var generator = SeededGenerator(state: seed)
        func random() -> PDQHash { PDQHash(generator.next(), generator.next(), generator.next(), generator.next()) }
        let hashes = (0..<count).map { _ in random() }
        var workload: [(query: PDQHash, expected: Int?)] = []
        for index in 0..<queries {
            guard index % 2 == 0 else {
                workload.append((random(), nil))
                continue
            }
            let target = Int(generator.next() % UInt64(count))
            var query = hashes[target]
            for _ in 0..<Int(generator.next() % UInt64(flips + 1)) {
                let bit = Int(generator.next() % 256)
                switch bit / 64 {
                case 0: query.w0 ^= 1 << UInt64(bit % 64)
                case 1: query.w1 ^= 1 << UInt64(bit % 64)
                case 2: query.w2 ^= 1 << UInt64(bit % 64)
                default: query.w3 ^= 1 << UInt64(bit % 64)
                }
            }
            workload.append((query, target))
        }
        let before = BenchData.residentBytes()
        var clock = ContinuousClock.now
        let index = PDQIndex(hashes.enumerated().map { (key: $0.offset, hash: $0.element) })
        let build = BenchData.seconds(since: clock)
        let memory = BenchData.residentBytes() - before
        print(String(format: "Built the index of %d hashes in %.2f s; resident memory grew by %.0f MB", count, build, Double(memory) / 1e6))

        clock = .now
        var found = 0
        var recalled = 0
        var nearDuplicates = 0
        for item in workload {
            let matches = index.matches(item.query, within: threshold)
            found += matches.count
            if let expected = item.expected {
                nearDuplicates += 1
                if matches.contains(where: { $0.key == expected }) { recalled += 1 }
            }
        }
        let elapsed = BenchData.seconds(since: clock)
        print(
            String(
                format: "%d queries at distance %d, one at a time: %.2f s, %.0f queries/s; %d matches; recall on near-duplicates %d/%d",
                queries, threshold, elapsed, Double(queries) / elapsed, found, recalled, nearDuplicates))
    }

}
