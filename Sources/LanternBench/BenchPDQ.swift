import ArgumentParser
import Foundation
import LanternClient
import LanternMatch
import LanternTesting

/// The PDQ index on its own, in this process: build time, memory and queries per second at distance 31, with the
/// workload of the matching issue (random hashes, half the queries near-duplicates of indexed ones), generated here
/// or read from a directory written by `Benchmarks/pdq_dataset.py` so that python-threatexchange runs the same one.
struct BenchPDQ: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdq", abstract: "Measure the PDQ index: build, memory, and single-threaded queries at distance 31.")

    @Option(help: "Random hashes to index.") var count: Int = 1_000_000
    @Option(help: "Queries; half are near-duplicates of indexed hashes.") var queries: Int = 10_000
    @Option(help: "Most bits flipped in a near-duplicate query.") var flips: Int = 20
    @Option(help: "The match threshold.") var threshold: Int = 31
    @Option(help: "Seed of the random hashes.") var seed: UInt64 = 1
    @Option(help: "Read the workload from this directory (index.hex, queries.tsv) instead of generating it.")
    var dataset: String?
    @Flag(help: "Print the figures as one JSON object.") var json = false

    typealias Workload = (hashes: [PDQHash], queries: [(query: PDQHash, expected: Int?)])

    func run() async throws {
        let workload = try dataset.map(Self.read) ?? generate()
        let before = BenchData.residentBytes()
        let startingPeak = BenchData.peakResidentBytes()
        var clock = ContinuousClock.now
        let index = PDQIndex(workload.hashes.lazy.enumerated().map { (key: $0.offset, hash: $0.element) })
        let build = BenchData.seconds(since: clock)
        let memory = Double(BenchData.residentBytes() - before) / 1e6
        let resident = Double(BenchData.residentBytes()) / 1e6

        clock = .now
        var found = 0
        var recalled = 0
        var nearDuplicates = 0
        for item in workload.queries {
            let matches = index.matches(item.query, within: threshold)
            found += matches.count
            if let expected = item.expected {
                nearDuplicates += 1
                if matches.contains(where: { $0.key == expected }) { recalled += 1 }
            }
        }
        let elapsed = BenchData.seconds(since: clock)
        let rate = Double(workload.queries.count) / elapsed

        let threads = ProcessInfo.processInfo.activeProcessorCount
        clock = .now
        let batched = index.matches(workload.queries.map(\.query), within: threshold, threads: threads)
        let batchedElapsed = BenchData.seconds(since: clock)
        let batchedRecalled = zip(workload.queries, batched).filter { item, found in
            item.expected.map { expected in found.contains { $0.key == expected } } ?? false
        }.count
        let batchedRate = Double(workload.queries.count) / batchedElapsed
        if json {
            let figures: [String: Any] = [
                "tool": "lantern PDQIndex", "hashes": workload.hashes.count, "queries": workload.queries.count, "threshold": threshold,
                "build_seconds": (build * 100).rounded() / 100, "index_mb": Int(memory.rounded()), "rss_mb": Int(resident.rounded()),
                "rss_before_mb": Int((Double(before) / 1e6).rounded()),
                "peak_before_mb": Int((Double(startingPeak) / 1e6).rounded()),
                "peak_rss_mb": Int((Double(BenchData.peakResidentBytes()) / 1e6).rounded()), "single_qps": Int(rate.rounded()),
                "batched_qps": Int(batchedRate.rounded()), "matches": found, "recall": "\(recalled)/\(nearDuplicates)",
                "batched_recall": "\(batchedRecalled)/\(nearDuplicates)", "threads": threads,
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys]), as: UTF8.self))
            return
        }
        print(String(format: "Built the index of %d hashes in %.2f s; resident memory grew by %.0f MB", workload.hashes.count, build, memory))
        print(
            String(
                format: "%d queries at distance %d, one at a time: %.2f s, %.0f queries/s; %d matches; recall on near-duplicates %d/%d",
                workload.queries.count, threshold, elapsed, rate, found, recalled, nearDuplicates))
        print(
            String(
                format: "The same queries as one batch on %d threads: %.2f s, %.0f queries/s; recall %d/%d", threads, batchedElapsed,
                batchedRate, batchedRecalled, nearDuplicates))
    }

    func generate() -> Workload {
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
        return (hashes, workload)
    }

    /// Reads `index.hex` (a hash per line) and `queries.tsv` (a hash, a tab, the index it was made from or -1).
    static func read(_ directory: String) throws -> Workload {
        func lines(_ name: String) throws -> [Substring] {
            let path = directory + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ClientError(.failure, "Cannot read \(path): write the dataset with Benchmarks/pdq_dataset.py first.")
            }
            return text.split(separator: "\n")
        }
        func hash(_ text: Substring, _ name: String, _ line: Int) throws -> PDQHash {
            guard let hash = PDQHash(hex: String(text)) else { throw ClientError(.failure, "\(name) line \(line): not a PDQ hash.") }
            return hash
        }
        let hashes = try lines("index.hex").enumerated().map { try hash($1, "index.hex", $0 + 1) }
        let queries = try lines("queries.tsv").enumerated().map { number, line -> (query: PDQHash, expected: Int?) in
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let expected = Int(fields[1]), expected < hashes.count else {
                throw ClientError(.failure, "queries.tsv line \(number + 1): expected a hash, a tab and an index.")
            }
            return (try hash(fields[0], "queries.tsv", number + 1), expected >= 0 ? expected : nil)
        }
        return (hashes, queries)
    }
}
