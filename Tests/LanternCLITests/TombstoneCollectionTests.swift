import AsyncHTTPClient
import Foundation
import LanternCore
import LanternPKI
import LanternTesting
import NIOCore
import NIOHTTP1
import Testing

/// Real nodes with a short tombstone age bound: the origin compacts its chains, its peer collects its tombstone,
/// and a peer that was away past the bound drops, when it returns, the signal it missed the removal of.
@Suite(.serialized) struct TombstoneCollectionTests {
    let directory: TemporaryDirectory
    let ca: CertificateAuthority

    init() throws {
        directory = try TemporaryDirectory(prefix: "lantern-tombstones")
        ca = try CertificateAuthority.create()
    }

    func node(_ id: String, host: String, registry: String) throws -> LanternProcess.Server {
        let settings: [String: Any] = ["tombstone_max_age_seconds": 3, "tombstone_interval_seconds": 1]
        return try LanternProcess.Server(home: NodeHomes(directory: directory, ca: ca).make(id, host: host, registry: registry, config: settings))
    }

    func lantern(_ server: LanternProcess.Server, _ arguments: [String]) throws -> LanternProcess.Result {
        try LanternProcess.run(arguments + ["--home", server.home])
    }

    func values(_ server: LanternProcess.Server) throws -> Set<String> { try NodeHomes.values(server.home) }

    func eventually(_ seconds: Double = 20, _ condition: () throws -> Bool) rethrows -> Bool {
        try NodeHomes.eventually(seconds, condition)
    }

    func scrape(_ server: LanternProcess.Server) async throws -> String {
        let token = try String(contentsOfFile: server.home + "/cli.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        var request = HTTPClientRequest(url: server.url + "/metrics")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return String(buffer: try await response.body.collect(upTo: 1 << 20))
    }

    @Test func aPeerBackAfterTheAgeBoundReconcilesAndTombstonesAreCollected() async throws {
        let registry = ParticipantRegistry(
            version: 1, issuedAt: Date(),
            participants: ["alpha", "bravo", "charlie"].map { Participant(id: ParticipantID($0)!, role: .tech) }, revokedSerials: [])
        let registryFile = directory.file("registry.json")
        try JSONEncoder().encode(try registry.signed(by: ca)).write(to: URL(fileURLWithPath: registryFile))
        let alpha = try node("alpha", host: "127.0.0.61", registry: registryFile)
        let bravo = try node("bravo", host: "127.0.0.62", registry: registryFile)
        var charlie = try node("charlie", host: "127.0.0.63", registry: registryFile)
        defer { [alpha, bravo, charlie].forEach { $0.stop() } }
        for (a, b, name) in [(alpha, bravo, "bravo"), (alpha, charlie, "charlie"), (bravo, alpha, "alpha"), (charlie, alpha, "alpha")] {
            #expect(try lantern(a, ["peer", "add", "--participant", name, "--url", b.peerURL!]).status == 0)
        }
        let flags = ["--tag", "csam", "--severity", "SEVERE", "--review-status", "REVIEWED_MANUALLY", "--audience", "all"]
        let gone = try lantern(alpha, ["signal", "add", "--type", "url", "--value", "https://gone.example/"] + flags)
        #expect(try lantern(alpha, ["signal", "add", "--type", "url", "--value", "https://kept.example/"] + flags).status == 0)
        let both: Set<String> = ["https://gone.example/", "https://kept.example/"]
        #expect(try eventually { try values(bravo) == both && values(charlie) == both })

        // charlie goes away; alpha removes a signal, and bravo takes the removal.
        _ = charlie.stop()
        let id = gone.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try lantern(alpha, ["signal", "remove", id, "--reason", "appeal_upheld"]).status == 0)
        #expect(try eventually { try values(bravo) == ["https://kept.example/"] })
        #expect(try lantern(bravo, ["signal", "show", id]).stdout.contains("appeal_upheld"))

        // Past the age bound alpha compacts its chains; bravo reconciles, then collects its tombstone.
        // (A removed signal shows its removal record; once collected, the signal is simply unknown.)
        #expect(
            try eventually {
                let shown = try lantern(bravo, ["signal", "show", id])
                return shown.status == 4 && !(shown.stdout + shown.stderr).contains("appeal_upheld")
            })
        #expect(try await scrape(alpha).contains(#"lantern_compactions_total{reason="age_bound"}"#))
        #expect(try values(bravo) == ["https://kept.example/"])

        // charlie returns long after the removal left alpha's chains: it drops the signal it missed the removal of.
        charlie = try LanternProcess.Server(home: charlie.home)
        #expect(try lantern(charlie, ["sync", "--peer", "alpha"]).status == 0)
        #expect(try values(charlie) == ["https://kept.example/"])
    }
}
