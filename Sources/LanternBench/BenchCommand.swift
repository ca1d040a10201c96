import ArgumentParser
import AsyncHTTPClient
import Foundation
import LanternAPI
import LanternClient
import LanternCore
import LanternStore
import LanternTesting
import NIOCore
import NIOHTTP1

/// `lantern-bench`: the benchmarks, built beside the `lantern` they measure and never part of it.
@main
struct LanternBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lantern-bench",
        abstract: "Measure a real node: imports and creates (the default), a federation's sync and propagation, or the PDQ index.",
        subcommands: [BenchImport.self, BenchFederation.self, BenchReceive.self, BenchPDQ.self, BenchKeywords.self, BenchBacklog.self],
        defaultSubcommand: BenchImport.self)
}

struct BenchImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Measure import throughput, single-create latency and memory against a real node process.",
        discussion: """
            Starts 'lantern serve' from the lantern binary beside this one in a temporary home, drives it over its local API, and \
            prints the figures recorded in docs/performance.md. Build in release mode first: \
            swift build -c release && .build/release/lantern-bench
            """)

    @Option(help: "Signals to import.") var count: Int = 1_000_000
    @Option(help: "Single creates to time.") var creates: Int = 5_000
    @Option(help: "Signals per import transaction.") var batchSize: Int = 5_000
    @Option(help: "Keep the temporary home here instead of deleting it.") var keep: String?
    @Option(help: "The node's SQLite synchronous setting: full or normal.") var synchronous: NodeStore.Synchronous = .full

    func run() async throws {
        LanternProcess.useLanternBesideRunningExecutable()
        let directory = try TemporaryDirectory(prefix: "lantern-bench")
        let home = keep ?? directory.file("home")
        let initialized = try LanternProcess.run(["init", "--home", home, "--participant", "bench", "--api-port", "0"])
        guard initialized.status == 0 else { throw ClientError(.failure, initialized.stderr) }
        let configFile = URL(fileURLWithPath: home + "/config.json")
        var config = (try JSONSerialization.jsonObject(with: Data(contentsOf: configFile)) as? [String: Any]) ?? [:]
        config["sqlite_synchronous"] = synchronous.rawValue
        try JSONSerialization.data(withJSONObject: config).write(to: configFile)
        let file = directory.file("signals.jsonl")
        print("Generating \(count) signals…")
        let bytes = try BenchData.write(count: count, to: file)
        print(String(format: "  %.1f MiB of JSON lines", Double(bytes) / 1_048_576))

        var server = try LanternProcess.Server(home: home)
        let token = try String(contentsOfFile: home + "/cli.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let client = APIClient(baseURL: server.url, token: token)

        print("Importing through POST /v1/signals/import (batch size \(batchSize))…")
        let started = ContinuousClock.now
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
        let source = ImportSource(handle: handle, format: .jsonl, progress: ProgressBar(total: bytes, enabled: false))
        let reply = try await client.send(
            .POST, "/v1/signals/import?batch_size=\(batchSize)",
            stream: .stream(AsyncStream(unfolding: { source.next() }), length: .unknown), timeout: .hours(2))
        let elapsed = ContinuousClock.now - started
        let summary = try reply.decode(ImportSummaryResource.self)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            String(
                format: "  %d created, %d rejected in %.2f s: %.0f signals/s", summary.created, summary.rejected, seconds,
                Double(summary.created) / seconds))
        print(
            "  node RSS after import: \(BenchData.rss(of: server.process.processIdentifier)) (peak \(BenchData.peakRSS(of: server.process.processIdentifier)))"
        )

        server.stop()
        server = try LanternProcess.Server(home: home)
        let restarted = APIClient(baseURL: server.url, token: token)
        _ = try await restarted.send(.GET, "/v1/signals?limit=100")
        print("  node RSS holding \(summary.created) signals after a restart: \(BenchData.rss(of: server.process.processIdentifier))")

        print("Timing \(creates) single creates through POST /v1/signals…")
        var latencies: [Double] = []
        latencies.reserveCapacity(creates)
        for i in 0..<creates {
            let body = Data(SyntheticSignals.line(count + i).utf8)
            let start = ContinuousClock.now
            _ = try await restarted.send(.POST, "/v1/signals", json: body)
            let d = ContinuousClock.now - start
            latencies.append(Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000)
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        print(String(format: "  p50 %.2f ms, p99 %.2f ms, max %.2f ms", percentile(0.5), percentile(0.99), latencies.last ?? 0))
        server.stop()
    }
}

/// Synthetic signals for benchmarks: a realistic mix of URLs, hashes and account identifiers.
enum BenchData {
    /// Seconds elapsed since `start`.
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Writes `count` lines and returns the file's size.
    static func write(count: Int, from first: Int = 0, to file: String) throws -> Int {
        _ = FileManager.default.createFile(atPath: file, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        var chunk = ""
        var total = 0
        for i in first..<(first + count) {
            chunk += SyntheticSignals.line(i)
            chunk += "\n"
            if chunk.utf8.count > 1 << 20 {
                total += chunk.utf8.count
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        total += chunk.utf8.count
        handle.write(Data(chunk.utf8))
        try handle.close()
        return total
    }

    static func rss(of pid: Int32) -> String { status(pid, "VmRSS") }

    /// This process's resident memory, in bytes.
    static func residentBytes() -> Int { ownStatus("VmRSS") }

    /// This process's peak resident memory so far, in bytes.
    static func peakResidentBytes() -> Int { ownStatus("VmHWM") }

    static func peakRSS(of pid: Int32) -> String { status(pid, "VmHWM") }

    /// A size in kB from this process's `/proc` status, in bytes.
    private static func ownStatus(_ key: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            return Int(line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) * 1024
        }
        return 0
    }

    /// The CPU time a process has used so far (user and system), in seconds, from `/proc/<pid>/stat`.
    static func cpuSeconds(of pid: Int32) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = text.lastIndex(of: ")")
        else { return 0 }
        // After the command name in brackets: state is field 3, utime and stime are fields 14 and 15.
        let fields = text[text.index(after: end)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func status(_ pid: Int32, _ key: String) -> String {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let kb = Double(line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0)
            return String(format: "%.0f MB", kb / 1024)
        }
        return "unknown"
    }
}
