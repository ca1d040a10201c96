import Foundation
import LanternCore
import LanternPKI
import LanternTesting
import Testing

/// Real nodes exchanging signals over mutual TLS: each receives exactly its audiences, and removals follow.
@Suite(.serialized) struct FederationSyncTests {
    let directory: TemporaryDirectory
    let ca: CertificateAuthority

    init() throws {
        directory = try TemporaryDirectory(prefix: "lantern-sync")
        ca = try CertificateAuthority.create()
    }

    func node(_ id: String, role: ParticipantRole = .tech, host: String, registry: String) throws -> LanternProcess.Server {
        try LanternProcess.Server(home: NodeHomes(directory: directory, ca: ca).make(id, role: role, host: host, registry: registry))
    }

    func lantern(_ server: LanternProcess.Server, _ arguments: [String]) throws -> LanternProcess.Result {
        try LanternProcess.run(arguments + ["--home", server.home])
    }

    func values(_ server: LanternProcess.Server) throws -> Set<String> { try NodeHomes.values(server.home) }

    /// `lantern signal add` of a payment account for the financial pool.
    static func poolSignal(_ handle: String) -> [String] {
        [
            "signal", "add", "--type", "payment_account", "--value", handle, "--provider", "cashapp", "--audience", "financial", "--tag",
            "sextortion", "--tag", "financial_transaction", "--severity", "SEVERE", "--review-status", "REVIEWED_MANUALLY", "--transaction-date",
            "2026-10-01", "--transaction-amount", "300", "--transaction-currency", "USD", "--transaction-provider", "cashapp",
        ]
    }

    @Test func signalsReachExactlyTheirAudienceAndRemovalsFollow() throws {
        let registry = ParticipantRegistry(
            version: 1, issuedAt: Date(),
            participants: [
                Participant(id: ParticipantID("alpha")!, role: .tech, financialPoolOptIn: true),
                Participant(id: ParticipantID("bravo")!, role: .tech), Participant(id: ParticipantID("charlie")!, role: .tech),
                Participant(id: ParticipantID("finco")!, role: .financial),
                Participant(id: ParticipantID("finbank")!, role: .financial),
            ], revokedSerials: [])
        let registryFile = directory.file("registry.json")
        try JSONEncoder().encode(try registry.signedBundle(by: ca)).write(to: URL(fileURLWithPath: registryFile))
        let alpha = try node("alpha", host: "127.0.0.31", registry: registryFile)
        let bravo = try node("bravo", host: "127.0.0.32", registry: registryFile)
        let charlie = try node("charlie", host: "127.0.0.33", registry: registryFile)
        let finco = try node("finco", role: .financial, host: "127.0.0.34", registry: registryFile)
        defer { [alpha, bravo, charlie, finco].forEach { $0.stop() } }
        for other in [bravo, charlie, finco] {
            let id = URL(fileURLWithPath: other.home).lastPathComponent
            #expect(try lantern(alpha, ["peer", "add", "--participant", id, "--url", other.peerURL!]).status == 0)
            #expect(try lantern(other, ["peer", "add", "--participant", "alpha", "--url", alpha.peerURL!]).status == 0)
        }
        let flags = ["--tag", "csam", "--severity", "SEVERE", "--review-status", "REVIEWED_MANUALLY"]
        let everyone = try lantern(alpha, ["signal", "add", "--type", "url", "--value", "https://everyone.example/", "--audience", "all"] + flags)
        #expect(everyone.status == 0, "\(everyone.stderr)")
        #expect(
            try lantern(alpha, ["signal", "add", "--type", "url", "--value", "https://pilot.example/", "--audience", "bravo"] + flags).status == 0)
        let financial = try lantern(alpha, Self.poolSignal("$Handle"))
        #expect(financial.status == 0, "\(financial.stderr)")

        for server in [bravo, charlie, finco] {
            let synced = try lantern(server, ["sync"])
            #expect(synced.status == 0, "\(synced.stdout) \(synced.stderr)")
        }
        #expect(try values(bravo) == ["https://everyone.example/", "https://pilot.example/"])
        #expect(try values(charlie) == ["https://everyone.example/"])
        #expect(try values(finco) == ["handle"])
        // Status shows, per peer and scope, the last contact and the lag (none, after a sync).
        let status = try JSONSerialization.jsonObject(with: Data(try lantern(bravo, ["peer", "status", "--json"]).stdout.utf8)) as? [String: Any]
        let alphaStatus = try #require((status?["peers"] as? [[String: Any]])?.first)
        #expect(alphaStatus["last_contact"] is String)
        let scopes = (alphaStatus["scopes"] as? [[String: Any]] ?? []).map { "\($0["scope"] ?? "")=\($0["lag"] ?? "")" }
        #expect(scopes == ["all=0", "allow:bravo=0"])

        // A tech participant outside the pool may not share with it.
        let outside = try lantern(bravo, Self.poolSignal("$Other"))
        #expect(outside.status == 3 && outside.stderr.contains("not opted in to the financial pool"), "\(outside.stderr)")

        // finco's registry is its own view: no other institution, and the opt-ins of the tech participants (whose
        // pool signals it takes). A newer registry loaded on alpha
        // alone reaches finco (as its view) and bravo with the next sync.
        let view = try JSONSerialization.jsonObject(with: Data(try lantern(finco, ["registry", "show", "--json"]).stdout.utf8)) as? [String: Any]
        let listed = view?["participants"] as? [[String: Any]] ?? []
        #expect(listed.compactMap { $0["id"] as? String } == ["alpha", "bravo", "charlie", "finco"])
        #expect(listed.filter { $0["financial_pool_opt_in"] as? Bool == true }.compactMap { $0["id"] as? String } == ["alpha"])
        #expect(view?["view"] as? String == "financial:finco")
        var newer = registry
        newer.version = 2
        let newerFile = directory.file("registry-2.json")
        try JSONEncoder().encode(try newer.signedBundle(by: ca)).write(to: URL(fileURLWithPath: newerFile))
        #expect(try lantern(alpha, ["registry", "load", newerFile]).status == 0)
        for server in [bravo, finco] { #expect(try lantern(server, ["sync"]).status == 0) }
        #expect(try lantern(finco, ["registry", "show"]).stdout.contains("\"version\" : 2"))
        #expect(try lantern(bravo, ["registry", "show"]).stdout.contains("\"version\" : 2"))

        // Consumers react; the reactions reach alpha, the origin, and only alpha.
        let id = everyone.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let poolID = financial.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try lantern(bravo, ["signal", "react", id, "HELPFUL", "ACTION_TAKEN"]).status == 0)
        #expect(try lantern(finco, ["signal", "react", poolID, "INGESTED"]).status == 0)
        #expect(try lantern(finco, ["signal", "react", id, "HELPFUL"]).status != 0)
        #expect(try lantern(alpha, ["sync"]).status == 0)
        #expect(try lantern(alpha, ["signal", "reactions", id]).stdout.hasPrefix("bravo\tACTION_TAKEN,HELPFUL\t"))
        #expect(try lantern(alpha, ["signal", "reactions", poolID]).stdout.hasPrefix("finco\tINGESTED\t"))
        #expect(try lantern(charlie, ["sync"]).status == 0)
        #expect(try lantern(charlie, ["signal", "reactions", id]).stdout.hasPrefix("No reactions"))

        #expect(try lantern(alpha, ["signal", "remove", id, "--reason", "appeal_upheld"]).status == 0)
        for server in [bravo, charlie] {
            #expect(try lantern(server, ["sync"]).status == 0)
            let shown = try lantern(server, ["signal", "show", id])
            #expect(shown.status == 4)
            #expect(shown.stdout.contains("appeal_upheld"))
        }
        // Every node has applied the removal: the value is in no database file of any of them.
        let holding = try directory.filesContaining("everyone.example")
        #expect(holding.allSatisfy { !$0.hasPrefix("node.sqlite") }, "\(holding)")
        #expect(try values(bravo) == ["https://pilot.example/"])
        // A financial institution never authors.
        let refused = try lantern(finco, ["signal", "add", "--type", "url", "--value", "https://x.example/", "--audience", "financial"] + flags)
        #expect(refused.status == 3)
    }

    func eventually(_ seconds: Double = 15, _ condition: () throws -> Bool) rethrows -> Bool {
        try NodeHomes.eventually(seconds, condition)
    }

    @Test func changesTravelHopByHopWithoutAnExplicitSync() throws {
        let registry = ParticipantRegistry(
            version: 1, issuedAt: Date(),
            participants: ["alpha", "bravo", "charlie"].map { Participant(id: ParticipantID($0)!, role: .tech) }, revokedSerials: [])
        let registryFile = directory.file("registry.json")
        try JSONEncoder().encode(try registry.signed(by: ca)).write(to: URL(fileURLWithPath: registryFile))
        let alpha = try node("alpha", host: "127.0.0.35", registry: registryFile)
        let bravo = try node("bravo", host: "127.0.0.36", registry: registryFile)
        let charlie = try node("charlie", host: "127.0.0.37", registry: registryFile)
        defer { [alpha, bravo, charlie].forEach { $0.stop() } }
        // A line: alpha and charlie never talk; bravo relays alpha's chains as alpha signed them.
        #expect(try lantern(alpha, ["peer", "add", "--participant", "bravo", "--url", bravo.peerURL!]).status == 0)
        #expect(try lantern(bravo, ["peer", "add", "--participant", "alpha", "--url", alpha.peerURL!]).status == 0)
        #expect(try lantern(bravo, ["peer", "add", "--participant", "charlie", "--url", charlie.peerURL!]).status == 0)
        #expect(try lantern(charlie, ["peer", "add", "--participant", "bravo", "--url", bravo.peerURL!]).status == 0)
        let flags = ["--tag", "csam", "--severity", "SEVERE", "--review-status", "REVIEWED_MANUALLY"]
        let added = try lantern(alpha, ["signal", "add", "--type", "url", "--value", "https://pushed.example/", "--audience", "all"] + flags)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(
            try lantern(alpha, ["signal", "add", "--type", "url", "--value", "https://pilot.example/", "--audience", "bravo"] + flags).status == 0)
        // The chain builder publishes within a fraction of a second and notifies bravo, which pulls at once and
        // notifies charlie in turn; the periodic pull (every 10 s) is not what delivers it.
        #expect(try eventually(5) { try values(charlie) == ["https://pushed.example/"] })
        #expect(try eventually(5) { try values(bravo) == ["https://pushed.example/", "https://pilot.example/"] })
        let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try lantern(alpha, ["signal", "remove", id, "--reason", "appeal_upheld"]).status == 0)
        #expect(try eventually(5) { try values(charlie).isEmpty })
        #expect(try lantern(charlie, ["signal", "show", id]).stdout.contains("appeal_upheld"))
    }
}
