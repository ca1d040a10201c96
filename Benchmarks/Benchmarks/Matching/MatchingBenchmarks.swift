import Benchmark
import BenchmarkSupport
import Foundation
import LanternCore
import LanternMatch
import LanternTesting

/// The matchers on their own: what a backlog review and a match request spend per item, on indexes built once.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .lantern()

    Benchmark("pdq_1000_queries_distance_31_in_100k") { benchmark in
        for query in Workload.pdq.queries { blackHole(Workload.pdq.index.matches(query, within: 31)) }
    }
    Benchmark("keywords_64KiB_text_10k_keywords") { benchmark in
        blackHole(Workload.keywords.index.matches(in: Workload.keywords.text))
    }
    Benchmark("exact_10k_md5_lookups_in_100k") { benchmark in
        for value in Workload.exact.lookups { blackHole(Workload.exact.index.matches(type: .md5, value: value, qualifier: nil)) }
    }
}

/// The indexes and their queries, made from fixed seeds the first time a benchmark asks.
enum Workload {
    static let pdq: (index: PDQIndex<Int>, queries: [PDQHash]) = {
        var generator = SeededGenerator(state: 1)
        func random() -> PDQHash { PDQHash(generator.next(), generator.next(), generator.next(), generator.next()) }
        let hashes = (0..<100_000).map { _ in random() }
        // Half the queries are an indexed hash with up to 20 bits flipped, half are random.
        let queries = (0..<1000).map { n -> PDQHash in
            guard n % 2 == 0 else { return random() }
            var query = hashes[Int(generator.next() % UInt64(hashes.count))]
            for _ in 0..<Int(generator.next() % 21) { query.w0 ^= 1 << (generator.next() % 64) }
            return query
        }
        return (PDQIndex(hashes.enumerated().map { (key: $0.offset, hash: $0.element) }), queries)
    }()

    static let keywords: (index: KeywordIndex, text: String) = {
        var generator = SeededGenerator(state: 5)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        func word() -> String { String((0..<Int(3 + generator.next() % 6)).map { _ in letters[Int(generator.next() % 26)] }) }
        let vocabulary = (0..<50_000).map { _ in word() }
        var index = KeywordIndex()
        for n in 0..<10_000 {
            let text = (0..<Int(1 + generator.next() % 3)).map { _ in vocabulary[Int(generator.next() % 50_000)] }.joined(separator: " ")
            index.insert(Fixtures.signalID(UInt64(n)), value: text, language: "en")
        }
        index.prepare()
        var text = ""
        while text.utf8.count < 65_536 { text += vocabulary[Int(generator.next() % 50_000)] + (generator.next() % 12 == 0 ? ". " : " ") }
        return (index, text)
    }()

    static let exact: (index: ExactIndex, lookups: [String]) = {
        var generator = SeededGenerator(state: 9)
        func md5() -> String { String(format: "%016llx%016llx", generator.next(), generator.next()) }
        var index = ExactIndex()
        let values = (0..<100_000).map { _ in md5() }
        for (n, value) in values.enumerated() {
            index.insert(Fixtures.signalID(UInt64(n)), type: .md5, value: value, attributes: SignalAttributes(mediaKind: .image))
        }
        let lookups = (0..<10_000).map { n in n % 2 == 0 ? values[Int(generator.next() % 100_000)] : md5() }
        return (index, lookups)
    }()
}
