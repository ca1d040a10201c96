import AsyncHTTPClient
import Foundation
import LanternCore
import LanternPKI
import LanternTesting
import NIOCore
import NIOHTTP1
import Testing

/// A power loss that takes an origin's last commits, after a peer had pulled them: the origin finds out from the
/// heads its peer holds, starts a new epoch, and both converge on what it still holds. Without that, it would
/// publish the lost sequence numbers again with other content, and its peer would refuse them as a fork forever.
@Suite(.serialized) struct PowerLossTests {
    let directory: TemporaryDirectory
    let ca: CertificateAuthority

    init() throws {
        directory = try TemporaryDirectory(prefix: "lantern-power-loss")
        ca = try CertificateAuthority.create()
    }

    func lantern(_ server: LanternProcess.Server, _ arguments: [String]) throws -> LanternProcess.Result {
        try LanternProcess.run(arguments + ["--home", server.home])
    }

    func values(_ server: LanternProcess.Server) throws -> Set<String> { try NodeHomes.values(server.home) }

    func lostEventEpochs(_ server: LanternProcess.Server) async throws -> Int {
        let token = try String(contentsOfFile: server.home + "/cli.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        var request = HTTPClientRequest(url: server.url + "/metrics")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        let line = text.split(separator: "\n").first { $0.hasPrefix("lantern_lost_events_epochs_total ") }
        return line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int($0) } ?? 0
    }

    @Test func anOriginThatLostPublishedEventsStartsANewEpochAndItsPeerFollows() async throws {
        let homes = NodeHomes(directory: directory, ca: ca)
        let registryFile = try homes.registry(of: ["alpha", "bravo"])
        // Fixed peer ports, so each keeps its address across restarts.
        let alphaHome = try homes.make("alpha", host: "127.0.0.81", registry: registryFile, peerPort: 7400)
        var alpha = try LanternProcess.Server(home: alphaHome)
        let bravo = try LanternProcess.Server(home: homes.make("bravo", host: "127.0.0.82", registry: registryFile, peerPort: 7400))
        defer { [alpha, bravo].forEach { $0.stop() } }
        #expect(try lantern(alpha, ["peer", "add", "--participant", "bravo", "--url", bravo.peerURL!]).status == 0)
        #expect(try lantern(bravo, ["peer", "add", "--participant", "alpha", "--url", alpha.peerURL!]).status == 0)
        let flags = ["--tag", "csam", "--severity", "SEVERE", "--review-status", "REVIEWED_MANUALLY", "--audience", "all"]
        func add(_ value: String) throws {
            let added = try lantern(alpha, ["signal", "add", "--type", "url", "--value", value] + flags)
            #expect(added.status == 0, "\(added.stderr)")
        }

        try add("https://kept.example/")
        #expect(try NodeHomes.eventually(10) { try values(bravo) == ["https://kept.example/"] })
        // A clean stop leaves everything in the database file, and the restart loses nothing: no new epoch.
        alpha.stop()
        alpha = try LanternProcess.Server(home: alphaHome)
        #expect(try lantern(alpha, ["sync"]).status == 0)
        #expect(try await lostEventEpochs(alpha) == 0)

        // Two more signals reach bravo. The power then goes before alpha's disk holds its write-ahead log.
        try add("https://lost-1.example/")
        try add("https://lost-2.example/")
        let all: Set<String> = ["https://kept.example/", "https://lost-1.example/", "https://lost-2.example/"]
        #expect(try NodeHomes.eventually(10) { try values(bravo) == all })
        alpha.stop(signal: SIGKILL)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: alphaHome + "/node.sqlite" + suffix) }

        alpha = try LanternProcess.Server(home: alphaHome)
        #expect(try values(alpha) == ["https://kept.example/"])
        // Without the check, this signal would take the sequence number bravo holds lost-1 at.
        try add("https://after.example/")
        #expect(try lantern(alpha, ["sync"]).status == 0)
        #expect(try await lostEventEpochs(alpha) == 1)
        // alpha's new epoch carries what it holds; bravo takes it, and drops what alpha no longer has.
        let held: Set<String> = ["https://kept.example/", "https://after.example/"]
        #expect(try NodeHomes.eventually(15) { try values(bravo) == held }, "bravo holds \((try? values(bravo)) ?? [])")
        #expect(try values(alpha) == held)
        // Once is enough: the next pulls find alpha's chains where bravo holds them.
        #expect(try lantern(alpha, ["sync"]).status == 0)
        #expect(try await lostEventEpochs(alpha) == 1)
    }
}
