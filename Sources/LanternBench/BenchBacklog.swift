import ArgumentParser
import Foundation
import LanternClient
import LanternTesting
import NIOHTTP1

/// A backlog review through a real node: `lantern match --file` with a million of the company's own items against
/// signals the node received from a peer, every match queued for review.
struct BenchBacklog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backlog",
        abstract: "Measure a backlog review (lantern match --file) of mixed items through a real node holding received signals.",
        discussion: """
            Starts two nodes (alpha and bravo, on 127.0.0.57 and .58) from the lantern binary beside this one. alpha imports \
            --signals signals (URLs, PDQ hashes, emails and usernames) and bravo syncs them. Then a file of --items \
            of bravo's own items of the same kinds, one in --hit-every matching a signal (PDQ hashes as \
            near-duplicates), is reviewed through bravo's POST /v1/match exactly as 'lantern match --file' does, and \
            every match of a received signal is queued for review. Build in release mode first.
            """)

    @Option(help: "Signals bravo receives from alpha.") var signals: Int = 100_000
    @Option(help: "Items in the backlog.") var items: Int = 1_000_000
    @Option(help: "One item in this many matches a signal.") var hitEvery: Int = 100
    @Option(help: "Items per match request.") var batchSize: Int = 1000
    @Option(help: "Keep the nodes' homes here instead of deleting them.") var keep: String?

    func run() async throws {
        let directory = try TemporaryDirectory(prefix: "lantern-bench-backlog")
        let root = keep ?? directory.url.path
        let nodes = try await BenchNodes.start(["alpha", "bravo"], in: root) { "127.0.0.\(57 + $0)" }
        defer { nodes.forEach { $0.server.stop() } }
        let (alpha, bravo) = (nodes[0], nodes[1])
        try await BenchNodes.load(signals, into: alpha, root: root)
        try await BenchNodes.peer(alpha, bravo)
        var received = 0
        while received < signals {
            let round = try await BenchNodes.syncRound(bravo, from: alpha)
            guard round > 0 else { throw ClientError(.failure, "A sync stored nothing with \(received) of \(signals) signals received.") }
            received += round
        }
        print("bravo received \(received) signals from alpha")

        let file = root + "/backlog.jsonl"
        let bytes = try writeItems(to: file)
        print(
            String(
                format: "Reviewing a backlog of %d items (%.1f MiB, one in %d a hit) through bravo…", items, Double(bytes) / 1_048_576, hitEvery))
        let clock = ContinuousClock.now
        let review = BacklogReview(
            input: file, output: root + "/matches.jsonl", batchSize: batchSize, client: bravo.client,
            showProgress: isatty(STDERR_FILENO) == 1)
        let summary = try await review.run()
        let elapsed = BenchData.seconds(since: clock)
        print(
            String(
                format: "  %d items in %.2f s: %.0f items/s; %d matched, %d failed", summary.items, elapsed, Double(summary.items) / elapsed,
                summary.matched, summary.errors))
        let outcomes = try await bravo.client.send(.GET, "/v1/review/outcomes")
        let counts = (try JSONSerialization.jsonObject(with: outcomes.body) as? [String: Any])?["items"] as? [String: Int] ?? [:]
        print("  review items queued: \(counts.values.reduce(0, +)) (\(counts.map { "\($0.key) \($0.value)" }.sorted().joined(separator: ", ")))")
        let pid = bravo.server.process.processIdentifier
        print("  bravo RSS after the review: \(BenchData.rss(of: pid)) (peak \(BenchData.peakRSS(of: pid)))")
    }

    /// The backlog: bravo's own URLs, PDQ hashes, emails and usernames, one in `hitEvery` matching one of the
    /// signals `SyntheticSignals.line` made. - Returns: the file's size.
    func writeItems(to file: String) throws -> Int {
        _ = FileManager.default.createFile(atPath: file, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        defer { try? handle.close() }
        var generator = SeededGenerator(state: 7)
        var chunk = ""
        var total = 0
        for n in 0..<items {
            let hit = n % hitEvery == 0
            // A signal of the same kind as item n (SyntheticSignals.line cycles through four kinds).
            let signal = Int(generator.next() % UInt64(max(1, signals / 4))) * 4 + n % 4
            let line: String
            switch n % 4 {
            case 0:
                let url = hit ? "https://host-\(signal % 9973).example/path/\(signal)?ref=\(signal * 7)" : "https://own-\(n % 977).example/p/\(n)"
                line = #"{"ref":"post-\#(n)","type":"url","value":"\#(url)"}"#
            case 1:
                var words = hit ? SyntheticSignals.pdqWords(signal) : (generator.next(), generator.next(), generator.next(), generator.next())
                if hit { words.3 ^= generator.next() & 0x0101_0101_0101 }  // a near-duplicate: a few bits flipped
                let hex = String(format: "%016llx%016llx%016llx%016llx", words.0, words.1, words.2, words.3)
                line = #"{"ref":"img-\#(n)","type":"pdq","value":"\#(hex)","quality":90}"#
            case 2:
                let email = hit ? "user\(signal)@mail-\(signal % 101).example" : "someone\(n)@own.example"
                line = #"{"ref":"acct-\#(n)","type":"email","value":"\#(email)"}"#
            default:
                let name = hit ? "user_\(signal)" : "member_\(n)"
                line = #"{"ref":"user-\#(n)","type":"username","value":"\#(name)","platform":"discord"}"#
            }
            chunk += line + "\n"
            if chunk.utf8.count > 1 << 20 {
                total += chunk.utf8.count
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        total += chunk.utf8.count
        handle.write(Data(chunk.utf8))
        return total
    }
}
