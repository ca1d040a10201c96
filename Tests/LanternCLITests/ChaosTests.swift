import Foundation
import LanternCore
import LanternPKI
import LanternTesting
import Testing

/// Real `lantern serve` processes in a mesh under seeded random creates, removals and `kill -9` restarts, with
/// notifications and background pulls running all the while. Once every node has pulled again, each holds exactly
/// the live signals it is entitled to, and no removed one.
@Suite(.serialized) struct ChaosTests {
    let directory: TemporaryDirectory
    let ca: CertificateAuthority
    static let participants = [
        Participant(id: ParticipantID("alpha")!, role: .tech, financialPoolOptIn: true), Participant(id: ParticipantID("bravo")!, role: .tech),
        Participant(id: ParticipantID("charlie")!, role: .tech, financialPoolOptIn: true),
        Participant(id: ParticipantID("finco")!, role: .financial),
    ]

    init() throws {
        directory = try TemporaryDirectory(prefix: "lantern-chaos")
        ca = try CertificateAuthority.create()
    }

    func node(_ participant: Participant, host: String, registry: String) throws -> String {
        try NodeHomes(directory: directory, ca: ca).make(
            participant.id.rawValue, role: participant.role, host: host, registry: registry, peerPort: 7400)
    }

    func lantern(_ home: String, _ arguments: [String]) throws -> LanternProcess.Result {
        try LanternProcess.run(arguments + ["--home", home])
    }

    func values(_ home: String) throws -> Set<String> {
        let listed = try lantern(home, ["signal", "list", "--json", "--limit", "1000"])
        let object = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        return Set((object?["signals"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String })
    }

    @Test func nodesKilledMidSyncConvergeOnceTheyPullAgain() throws {
        let registry = ParticipantRegistry(version: 1, issuedAt: Date(), participants: Self.participants, revokedSerials: [])
        let registryFile = directory.file("registry.json")
        try JSONEncoder().encode(try registry.signedBundle(by: ca)).write(to: URL(fileURLWithPath: registryFile))
        let hosts = ["127.0.0.41", "127.0.0.42", "127.0.0.43", "127.0.0.44"]
        var homes: [String] = []
        for (participant, host) in zip(Self.participants, hosts) { homes.append(try node(participant, host: host, registry: registryFile)) }
        var servers = try homes.map { try LanternProcess.Server(home: $0) }
        defer { servers.forEach { $0.stop(signal: SIGKILL) } }
        // A mesh of the tech nodes; finco peers with alpha and charlie (in the pool).
        for (a, b) in [(0, 1), (1, 2), (0, 2), (0, 3), (2, 3)] {
            let urls = ("https://\(hosts[a]):7400", "https://\(hosts[b]):7400")
            let id = (Self.participants[a].id.rawValue, Self.participants[b].id.rawValue)
            #expect(try lantern(homes[a], ["peer", "add", "--participant", id.1, "--url", urls.1]).status == 0)
            #expect(try lantern(homes[b], ["peer", "add", "--participant", id.0, "--url", urls.0]).status == 0)
        }

        var random = SeededGenerator(state: 7)
        var live: [String: (origin: Int, id: String, audience: Audience)] = [:]
        var removed: Set<String> = []
        let flags = ["--tag", "csam", "--severity", "SEVERE", "--review-status", "REVIEWED_MANUALLY"]
        for step in 0..<120 {
            let roll = random.next() % 100
            if roll < 60 {
                let origin = Int(random.next() % 3)
                // Only participants in the pool share with it.
                let pool: Audience = Self.participants[origin].financialPoolOptIn ? .financial : .all
                let audiences: [Audience] = [.all, .allowlist([Self.participants[(origin + 1) % 3].id]), pool]
                let audience = audiences[Int(random.next() % 3)]
                var value = "https://chaos-\(step).example/"
                var arguments = ["signal", "add", "--type", "url", "--value", value, "--audience", audience.description] + flags
                if audience == .financial {
                    value = "chaos\(step)"
                    arguments = [
                        "signal", "add", "--type", "payment_account", "--value", "$Chaos\(step)", "--provider", "cashapp", "--audience",
                        "financial", "--tag", "sextortion", "--tag", "financial_transaction", "--severity", "SEVERE", "--review-status",
                        "REVIEWED_MANUALLY", "--transaction-date", "2026-10-01", "--transaction-amount", "300", "--transaction-currency", "USD",
                        "--transaction-provider", "cashapp",
                    ]
                }
                let added = try lantern(homes[origin], arguments)
                #expect(added.status == 0, "\(added.stderr)")
                live[value] = (origin, added.stdout.trimmingCharacters(in: .whitespacesAndNewlines), audience)
            } else if roll < 80, let value = live.keys.sorted().first(where: { _ in random.next() % 3 == 0 }) {
                let signal = live.removeValue(forKey: value)!
                #expect(try lantern(homes[signal.origin], ["signal", "remove", signal.id, "--reason", "entered_in_error"]).status == 0)
                removed.insert(value)
            } else {
                // kill -9, wherever the node is in a pull or a batch, then start it again.
                let victim = Int(random.next() % 4)
                servers[victim].stop(signal: SIGKILL)
                servers[victim] = try LanternProcess.Server(home: homes[victim])
            }
        }
        // Every node pulls until a round brings nothing new.
        for _ in 0..<4 {
            for home in homes { _ = try lantern(home, ["sync"]) }
        }
        for (index, home) in homes.enumerated() {
            let participant = Self.participants[index]
            let expected = Set(
                live.filter { AccessPolicy.mayReceive($0.value.audience, origin: Self.participants[$0.value.origin].id, participant: participant) }
                    .keys)
            let held = try values(home)
            #expect(held == expected, "\(participant.id): \(held.subtracting(expected).count) extra, \(expected.subtracting(held).count) missing")
            #expect(held.isDisjoint(with: removed), "\(participant.id) holds a removed signal")
        }
    }
}
