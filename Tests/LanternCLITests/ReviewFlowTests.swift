import Foundation
import LanternCore
import LanternPKI
import LanternTesting
import Testing

/// The review queue end to end with real nodes: alpha shares, bravo's backlog review queues the matches, an
/// investigator decides one with `lantern review`, and the decision's reaction reaches alpha over the federation.
/// When alpha removes the signal, bravo's queue keeps no trace of what matched.
@Suite(.serialized) struct ReviewFlowTests {
    let directory: TemporaryDirectory
    let ca: CertificateAuthority

    init() throws {
        directory = try TemporaryDirectory(prefix: "lantern-review")
        ca = try CertificateAuthority.create()
    }

    func lantern(_ server: LanternProcess.Server, _ arguments: [String], token: String? = nil) throws -> LanternProcess.Result {
        try LanternProcess.run(arguments + ["--home", server.home] + (token.map { ["--token", $0] } ?? []))
    }

    func json(_ result: LanternProcess.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)\(result.stderr)")
    }

    @Test func aBacklogMatchIsDecidedAndTheOriginHearsOfIt() throws {
        let homes = NodeHomes(directory: directory, ca: ca)
        let registryFile = try homes.registry(of: ["alpha", "bravo"])
        let alpha = try LanternProcess.Server(home: homes.make("alpha", host: "127.0.0.71", registry: registryFile))
        let bravo = try LanternProcess.Server(home: homes.make("bravo", host: "127.0.0.72", registry: registryFile))
        defer { [alpha, bravo].forEach { $0.stop() } }
        #expect(try lantern(alpha, ["peer", "add", "--participant", "bravo", "--url", bravo.peerURL!]).status == 0)
        #expect(try lantern(bravo, ["peer", "add", "--participant", "alpha", "--url", alpha.peerURL!]).status == 0)
        let added = try lantern(alpha, ["signal", "add", "--type", "url", "--value", "https://bad.example/x"] + CLITests.validFlags)
        #expect(added.status == 0, "\(added.stderr)")
        let signal = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try NodeHomes.eventually(10) { try NodeHomes.values(bravo.home) == ["https://bad.example/x"] })

        // bravo's backlog: two posts link to the signal's URL, one twice.
        let items = directory.file("items.jsonl")
        try """
        {"ref": "post-1", "type": "url", "value": "https://bad.example/x"}
        {"ref": "post-2", "type": "url", "value": "https://fine.example/"}
        {"ref": "post-3", "type": "url", "value": "HTTPS://BAD.EXAMPLE/x"}
        {"ref": "post-1", "type": "url", "value": "https://bad.example/x"}
        """.write(toFile: items, atomically: true, encoding: .utf8)
        let reviewed = try lantern(bravo, ["match", "--file", items, "--out", directory.file("matches.jsonl")])
        #expect(reviewed.status == 0, "\(reviewed.stderr)")

        let created = try json(try lantern(bravo, ["token", "create", "--name", "ana", "--role", "investigator", "--json"]))
        let ana = try #require(created["secret"] as? String)
        let queue = try json(try lantern(bravo, ["review", "list", "--json"], token: ana))
        let queued = try #require(queue["items"] as? [[String: Any]])
        #expect(queued.map { $0["ref"] as? String } == ["post-1", "post-3"])
        #expect(queued.first?["match_count"] as? Int == 2)
        let first = try #require(queued.first?["id"] as? Int)
        let listed = try lantern(bravo, ["review", "list"], token: ana)
        #expect(listed.stdout.contains("post-1") && listed.stdout.contains("(2 matches)"), "\(listed.stdout)")

        let claimed = try lantern(bravo, ["review", "claim", String(first)], token: ana)
        #expect(claimed.status == 0 && claimed.stdout.contains("claimed by ana"), "\(claimed.stdout)\(claimed.stderr)")
        // Someone else's claim: the admin token of the home may release it, but not decide it.
        let notTheirs = try lantern(bravo, ["review", "decide", String(first), "false_positive"])
        #expect(notTheirs.status == 3 && notTheirs.stderr.contains("claimed by ana"), "\(notTheirs.stderr)")
        let wrong = try lantern(bravo, ["review", "decide", String(first), "false_positive", "--action", "url_blocked"], token: ana)
        #expect(wrong.status == 3 && wrong.stderr.contains("actions"), "\(wrong.stderr)")
        let decided = try lantern(
            bravo, ["review", "decide", String(first), "confirmed", "--action", "url_blocked", "--note", "blocked"], token: ana)
        #expect(decided.status == 0 && decided.stdout.contains("confirmed by ana [url_blocked]"), "\(decided.stdout)\(decided.stderr)")

        // The reaction travels to alpha, the origin, with the federation's next push.
        #expect(
            try NodeHomes.eventually(10) {
                try lantern(alpha, ["signal", "reactions", signal]).stdout.contains("bravo\tACTION_TAKEN")
            })
        let outcomes = try json(try lantern(bravo, ["review", "outcomes"]))
        #expect((outcomes["actions"] as? [String: Int])?["url_blocked"] == 1)

        // alpha removes the signal: bravo's undecided item is withdrawn and what matched is gone from the queue.
        #expect(try lantern(alpha, ["signal", "remove", signal, "--reason", "entered_in_error"]).status == 0)
        #expect(
            try NodeHomes.eventually(10) {
                let all = try json(try lantern(bravo, ["review", "list", "--status", "all", "--json"], token: ana))
                let rows = all["items"] as? [[String: Any]] ?? []
                return rows.map { $0["status"] as? String } == ["confirmed", "withdrawn"] && rows.allSatisfy { $0["item_value"] == nil }
            })
        // No database file of either node holds the value any more, in either spelling.
        for needle in ["bad.example", "BAD.EXAMPLE"] {
            let holding = try directory.filesContaining(needle)
            #expect(holding.allSatisfy { !$0.hasPrefix("node.sqlite") }, "\(holding)")
        }
    }
}
