import ArgumentParser
import Foundation
import LanternClient
import LanternCore
import LanternPKI
import LanternStore
import LanternTesting
import NIOHTTP1

struct BenchFederation: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "federation",
        abstract: "Measure a full sync over mutual TLS and how fast a new signal and a removal reach direct and distant peers.",
        discussion: """
            Starts four nodes (alpha, bravo, charlie, delta) from the lantern binary beside this one on 127.0.0.51 to .54, and \
            --fan-out more on 127.0.1.x, with a program CA made for the run. First alpha holds --fan-out-count \
            signals and every fan-out peer pulls them at once. Then alpha imports --count more, waits until it has \
            published them, and bravo's first full sync from alpha is timed. Then it links the nodes in a line (alpha - bravo - charlie - \
            delta) and times --changes new signals and removals from alpha until bravo (one hop) and delta (three \
            hops) hold them, polling every millisecond. Build in release mode first: \
            swift build -c release && .build/release/lantern-bench federation
            """)

    @Option(help: "Signals for the full sync.") var count: Int = 1_000_000
    @Option(help: "New signals (and as many removals) to time across the line.") var changes: Int = 200
    @Option(help: "Peers that sync from alpha at once, for the fan-out figure (0 to skip).") var fanOut: Int = 25
    @Option(help: "Signals alpha holds when the fan-out peers sync.") var fanOutCount: Int = 20_000
    @Option(help: "A Python with medallion and taxii2-client installed, to compare with a TAXII 2.1 pull (skipped if absent).")
    var taxiiPython: String?
    @Option(help: "Signals for the TAXII comparison (medallion's memory backend slows down with the square of the count).")
    var taxiiCount: Int = 2_000
    @Option(help: "Keep the nodes' homes here instead of deleting them.") var keep: String?
    @Option(help: "The nodes' SQLite synchronous setting: full or normal.") var synchronous: NodeStore.Synchronous = .full

    typealias Node = BenchNodes.Node

    func run() async throws {
        let directory = try TemporaryDirectory(prefix: "lantern-bench-federation")
        let root = keep ?? directory.url.path
        let nodes = try await start(in: root)
        defer { nodes.forEach { $0.server.stop() } }
        var held = 0
        if let taxiiPython {
            held = try await taxiiComparison(nodes[0], to: nodes[4], python: taxiiPython, root: root)
        }
        nodes[4].server.stop()
        if fanOut > 0 {
            try await BenchNodes.load(fanOutCount, from: held, into: nodes[0], root: root)
            held += fanOutCount
            try await fanOutSync(from: nodes[0], to: Array(nodes[5...]), total: held)
        }
        try await BenchNodes.load(count, from: held, into: nodes[0], root: root)
        try await fullSync(nodes[0], to: nodes[1], total: held + count)
        try await propagation(nodes)
    }

    func start(in root: String) async throws -> [Node] {
        let names = ["alpha", "bravo", "charlie", "delta", "echo"] + (0..<fanOut).map { String(format: "fan%02d", $0 + 1) }
        return try await BenchNodes.start(names, in: root, synchronous: synchronous) { index in
            index < 5 ? "127.0.0.\(51 + index)" : "127.0.1.\(index - 4)"
        }
    }

    /// Many peers take the same signals from one node at once.
    /// The same signals through LanternNode (a new peer's sync over mutual TLS) and through TAXII 2.1 (medallion
    /// and taxii2-client, plain HTTP). - Returns: how many signals alpha holds afterwards.
    func taxiiComparison(_ origin: Node, to receiver: Node, python: String, root: String) async throws -> Int {
        try await BenchNodes.load(taxiiCount, into: origin, root: root)
        try await BenchNodes.peer(origin, receiver)
        let clock = ContinuousClock.now
        var stored = 0
        while stored < taxiiCount { stored += try await BenchNodes.syncRound(receiver, from: origin) }
        let lantern = BenchData.seconds(since: clock)
        print(
            String(format: "LanternNode, %d signals to a new peer over mutual TLS: %.2f s, %.0f signals/s", stored, lantern, Double(stored) / lantern)
        )
        let script = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "../../Deploy/bench/taxii-compare.py"
        )
        .standardized.path
        let result = try LanternProcess.run(
            at: python, [FileManager.default.fileExists(atPath: script) ? script : "Deploy/bench/taxii-compare.py", root + "/signals-0.jsonl"])
        guard result.status == 0, let line = result.stdout.split(separator: "\n").last,
            let figures = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let objects = figures["objects"] as? Int, let taxii = figures["seconds"] as? Double
        else { throw ClientError(.failure, "The TAXII comparison failed: \(result.stderr)") }
        print(
            String(
                format: "TAXII 2.1 (medallion, taxii2-client, pages of 1,000, plain HTTP), the same %d signals: %.2f s, %.0f objects/s", objects,
                taxii, Double(objects) / taxii))
        return taxiiCount
    }

    func fanOutSync(from origin: Node, to peers: [Node], total fanOutCount: Int) async throws {
        for peer in peers { try await BenchNodes.peer(origin, peer) }
        print("Fan-out: \(peers.count) peers each pull \(fanOutCount) signals from \(origin.name) at once…")
        let clock = ContinuousClock.now
        let finished = try await withThrowingTaskGroup(of: Double.self) { group in
            for peer in peers {
                group.addTask {
                    var stored = 0
                    while stored < fanOutCount {
                        let round = try await BenchNodes.syncRound(peer, from: origin)
                        guard round > 0 else { throw ClientError(.failure, "\(peer.name) stopped at \(stored) signals.") }
                        stored += round
                    }
                    return BenchData.seconds(since: clock)
                }
            }
            var times: [Double] = []
            for try await time in group { times.append(time) }
            return times.sorted()
        }
        let total = finished.last ?? 0
        print(
            String(
                format: "  all done in %.2f s: %.0f signals/s in all; each peer done after p50 %.2f s, max %.2f s",
                total, Double(fanOutCount * peers.count) / total, finished[finished.count / 2], total))
        print("  \(origin.name) RSS after serving them: \(BenchData.rss(of: origin.server.process.processIdentifier))")
        // They would otherwise take every later change too, and the full sync would measure 26 peers, not one.
        for peer in peers {
            _ = try await origin.client.send(.DELETE, "/v1/peers/\(peer.name)")
            peer.server.stop()
        }
    }

    func fullSync(_ origin: Node, to receiver: Node, total: Int) async throws {
        print("Full sync: \(receiver.name) pulls everything from \(origin.name) over mutual TLS, verifying every batch…")
        try await BenchNodes.peer(origin, receiver)
        let (originPID, receiverPID) = (origin.server.process.processIdentifier, receiver.server.process.processIdentifier)
        let cpuBefore = (BenchData.cpuSeconds(of: originPID), BenchData.cpuSeconds(of: receiverPID))
        let clock = ContinuousClock.now
        var stored = 0
        while stored < total {
            let round = try await BenchNodes.syncRound(receiver, from: origin)
            guard round > 0 else { throw ClientError(.failure, "A sync round stored nothing with \(stored) of \(total) signals arrived.") }
            stored += round
        }
        let elapsed = BenchData.seconds(since: clock)
        print(String(format: "  %d signals in %.2f s: %.0f signals/s", stored, elapsed, Double(stored) / elapsed))
        let originCPU = BenchData.cpuSeconds(of: originPID) - cpuBefore.0
        let receiverCPU = BenchData.cpuSeconds(of: receiverPID) - cpuBefore.1
        print(
            String(
                format: "  CPU per event: %@ %.1f µs serving, %@ %.1f µs receiving", origin.name, originCPU / Double(stored) * 1e6, receiver.name,
                receiverCPU / Double(stored) * 1e6))
        print("  \(receiver.name) RSS after the sync: \(BenchData.rss(of: receiver.server.process.processIdentifier))")
    }

    func propagation(_ nodes: [Node]) async throws {
        try await BenchNodes.peer(nodes[1], nodes[2])
        try await BenchNodes.peer(nodes[2], nodes[3])
        // charlie and delta first take what bravo relays (the full sync's signals), so only new changes are timed.
        for (receiver, source) in [(nodes[2], nodes[1]), (nodes[3], nodes[2])] {
            let clock = ContinuousClock.now
            while try await BenchNodes.syncRound(receiver, from: source) > 0 {}
            print(String(format: "  %@ took the relayed signals from %@ in %.2f s", receiver.name, source.name, BenchData.seconds(since: clock)))
        }
        print("Propagation along alpha - bravo - charlie - delta, \(changes) new signals then \(changes) removals…")
        var created: (direct: [Double], far: [Double]) = ([], [])
        var removed: (direct: [Double], far: [Double]) = ([], [])
        var ids: [String] = []
        for i in 0..<changes {
            let start = ContinuousClock.now
            let reply = try await nodes[0].client.send(.POST, "/v1/signals", json: Data(SyntheticSignals.line(count + 10_000_000 + i).utf8))
            let id = try reply.decode([String: AnyDecodable].self)["id"]?.text ?? ""
            ids.append(id)
            created.direct.append(try await wait(for: nodes[1], id: id, status: 200, since: start))
            created.far.append(try await wait(for: nodes[3], id: id, status: 200, since: start))
        }
        for id in ids {
            let start = ContinuousClock.now
            _ = try await nodes[0].client.send(.DELETE, "/v1/signals/\(id)?reason=entered_in_error")
            removed.direct.append(try await wait(for: nodes[1], id: id, status: 410, since: start))
            removed.far.append(try await wait(for: nodes[3], id: id, status: 410, since: start))
        }
        report("new signal, direct peer", created.direct)
        report("new signal, three hops", created.far)
        report("removal, direct peer", removed.direct)
        report("removal, three hops", removed.far)
    }

    /// Milliseconds from `start` until `node` answers `status` for the signal.
    func wait(for node: Node, id: String, status: Int, since start: ContinuousClock.Instant) async throws -> Double {
        while true {
            let reply = try await node.client.send(.GET, "/v1/signals/\(id)", accepting: [404, 410])
            if reply.status == status { return BenchData.seconds(since: start) * 1000 }
            guard BenchData.seconds(since: start) < 30 else { throw ClientError(.failure, "\(node.name) did not see \(id) change within 30 s.") }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    func report(_ what: String, _ samples: [Double]) {
        let sorted = samples.sorted()
        func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        print(String(format: "  %@: p50 %.0f ms, p99 %.0f ms, max %.0f ms", what, percentile(0.5), percentile(0.99), sorted.last ?? 0))
    }

}

/// Reads a string or any other JSON value, keeping strings' text.
struct AnyDecodable: Decodable {
    var text: String?
    init(from decoder: any Decoder) throws {
        text = try? decoder.singleValueContainer().decode(String.self)
    }
}
