import AsyncHTTPClient
import Foundation
import LanternAPI
import LanternClient
import LanternCore
import LanternPKI
import LanternStore
import LanternTesting
import NIOCore
import NIOHTTP1

/// Real nodes for the benchmarks: started from the lantern binary beside this one with a program CA made for the run, peered,
/// loaded and synced over their local APIs.
enum BenchNodes {
    struct Node {
        var name: String
        var server: LanternProcess.Server
        var client: APIClient
    }

    /// Starts a node for each name, with certificates from a CA made for the run and `host(index)` as its peer
    /// address; periodic pulls are off, so only notifications and the bench's own syncs move data.
    static func start(
        _ names: [String], in root: String, synchronous: NodeStore.Synchronous = .full, host: (Int) -> String
    ) async throws -> [Node] {
        LanternProcess.useLanternBesideRunningExecutable()
        let ca = try CertificateAuthority.create()
        let registry = ParticipantRegistry(
            version: 1, issuedAt: Date(), participants: names.map { Participant(id: ParticipantID($0)!, role: .tech) }, revokedSerials: [])
        let registryFile = root + "/registry.json"
        try JSONEncoder().encode(try registry.signedBundle(by: ca)).write(to: URL(fileURLWithPath: registryFile))
        var nodes: [Node] = []
        for (index, name) in names.enumerated() {
            let host = host(index)
            let issued = try ca.issue(identity: ParticipantIdentity(participant: ParticipantID(name)!, role: .tech))
            let certs = root + "/certs-" + name
            try FileManager.default.createDirectory(atPath: certs, withIntermediateDirectories: true)
            try issued.certificatePEM.write(toFile: certs + "/node.pem", atomically: true, encoding: .utf8)
            try issued.privateKeyPEM.write(toFile: certs + "/node-key.pem", atomically: true, encoding: .utf8)
            try ca.certificatePEM.write(toFile: certs + "/ca.pem", atomically: true, encoding: .utf8)
            let home = root + "/" + name
            let made = try LanternProcess.run([
                "init", "--home", home, "--participant", name, "--api-port", "0", "--certs", certs, "--registry", registryFile,
                "--peer-host", host, "--peer-port", "0",
            ])
            guard made.status == 0 else { throw ClientError(.failure, made.stderr) }
            // No periodic pulls: only notifications and the bench's own syncs move data, so the timings are clean.
            let configFile = home + "/config.json"
            var config = (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: configFile))) as? [String: Any]) ?? [:]
            config["sync_interval_seconds"] = 3600
            config["sqlite_synchronous"] = synchronous.rawValue
            try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: configFile))
            let server = try LanternProcess.Server(home: home)
            let token = try String(contentsOfFile: home + "/cli.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            nodes.append(Node(name: name, server: server, client: APIClient(baseURL: server.url, token: token)))
        }
        return nodes
    }

    static func peer(_ a: Node, _ b: Node) async throws {
        _ = try await a.client.send(.PUT, "/v1/peers/\(b.name)", json: try JSONEncoder().encode(["url": b.server.peerURL ?? ""]))
        _ = try await b.client.send(.PUT, "/v1/peers/\(a.name)", json: try JSONEncoder().encode(["url": a.server.peerURL ?? ""]))
    }

    /// Imports `count` signals numbered from `first` into `node` and waits until it has published them.
    static func load(_ count: Int, from first: Int = 0, into node: Node, root: String) async throws {
        let file = root + "/signals-\(first).jsonl"
        print("Importing \(count) signals into \(node.name)…")
        let bytes = try BenchData.write(count: count, from: first, to: file)
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
        let source = ImportSource(handle: handle, format: .jsonl, progress: ProgressBar(total: bytes, enabled: false))
        var clock = ContinuousClock.now
        _ = try await node.client.send(
            .POST, "/v1/signals/import?batch_size=5000", stream: .stream(AsyncStream(unfolding: { source.next() }), length: .unknown),
            timeout: .hours(2))
        print(
            String(format: "  imported in %.2f s: %.0f signals/s", BenchData.seconds(since: clock), Double(count) / BenchData.seconds(since: clock)))
        clock = .now
        while try await unpublished(node) > 0 { try await Task.sleep(for: .milliseconds(50)) }
        print(String(format: "  published to \(node.name)'s chains %.2f s after the import ended", BenchData.seconds(since: clock)))
    }

    /// One `POST /v1/sync` of `receiver` from `source`. - Returns: the signals it stored.
    static func syncRound(_ receiver: Node, from source: Node) async throws -> Int {
        let reply = try await receiver.client.send(.POST, "/v1/sync?peer=\(source.name)", timeout: .hours(2))
        return try reply.decode(SyncReportList.self).peers.reduce(0) { $0 + $1.stored }
    }

    static func unpublished(_ node: Node) async throws -> Int {
        let reply = try await node.client.send(.GET, "/v1/ready")
        return Int(try reply.decode([String: String].self)["unpublished"] ?? "0") ?? 0
    }
}
