import ArgumentParser
import Foundation
import LanternCore
import LanternMatch
import LanternTesting

/// The keyword and exact-value matchers on their own, in this process: keyword matching throughput over text, and
/// exact-hash lookups per second.
struct BenchKeywords: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keywords", abstract: "Measure keyword matching over text, and exact-hash lookups.")

    @Option(help: "Keyword signals.") var keywords: Int = 10_000
    @Option(help: "Megabytes of text to search, in texts of 64 KiB.") var megabytes: Int = 100
    @Option(help: "Exact hashes to index.") var hashes: Int = 1_000_000
    @Option(help: "Exact lookups to time.") var lookups: Int = 1_000_000

    func run() async throws {
        var generator = SeededGenerator(state: 5)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        func word() -> String { String((0..<Int(3 + generator.next() % 6)).map { _ in letters[Int(generator.next() % 26)] }) }
        let vocabulary = (0..<50_000).map { _ in word() }
        var index = KeywordIndex()
        for n in 0..<keywords {
            let text = (0..<Int(1 + generator.next() % 3)).map { _ in vocabulary[Int(generator.next() % 50_000)] }.joined(separator: " ")
            index.insert(Fixtures.signalID(UInt64(n)), value: text, language: "en")
        }
        var clock = ContinuousClock.now
        index.prepare()
        print(String(format: "Built the automaton of %d keywords in %.2f s", keywords, BenchData.seconds(since: clock)))
        var chunk = ""
        while chunk.utf8.count < 65_536 { chunk += vocabulary[Int(generator.next() % 50_000)] + (generator.next() % 12 == 0 ? ". " : " ") }
        let count = max(1, megabytes * 1_048_576 / chunk.utf8.count)
        clock = .now
        var found = 0
        for _ in 0..<count { found += index.matches(in: chunk).count }
        let elapsed = BenchData.seconds(since: clock)
        print(
            String(
                format: "Searched %d MB of text (%d texts of 64 KiB) in %.2f s: %.1f MB/s, %d keyword matches", count * chunk.utf8.count / 1_048_576,
                count, elapsed, Double(count * chunk.utf8.count) / 1_048_576 / elapsed, found))

        var exact = ExactIndex()
        var values: [String] = []
        values.reserveCapacity(hashes)
        for n in 0..<hashes {
            let value = String(format: "%016llx%016llx", generator.next(), generator.next())
            values.append(value)
            exact.insert(Fixtures.signalID(UInt64(n)), type: .md5, value: value, attributes: SignalAttributes(mediaKind: .image))
        }
        clock = .now
        var hits = 0
        for n in 0..<lookups {
            let value = n % 2 == 0 ? values[n % values.count] : String(format: "%016llx%016llx", generator.next(), generator.next())
            hits += exact.matches(type: .md5, value: value, qualifier: nil).count
        }
        let lookupTime = BenchData.seconds(since: clock)
        print(
            String(
                format: "%d exact MD5 lookups among %d, half of them hits: %.2f s, %.0f lookups/s (%d hits)", lookups, hashes, lookupTime,
                Double(lookups) / lookupTime, hits))
    }

}
