import Foundation
import LanternTesting
import Testing

/// The `lantern` command as a user runs it: real processes, a real node on a loopback port.
@Suite(.serialized) struct CLITests {
    let directory: TemporaryDirectory
    let home: String

    init() throws {
        directory = try TemporaryDirectory(prefix: "lantern-cli")
        home = directory.file("alpha")
        let result = try LanternProcess.run(["init", "--home", home, "--participant", "alpha", "--api-port", "0"])
        guard result.status == 0 else { throw LanternProcess.ServerError(message: result.stderr) }
    }

    func lantern(_ arguments: [String]) throws -> LanternProcess.Result {
        try LanternProcess.run(arguments + ["--home", home])
    }

    static let validFlags = ["--tag", "csam", "--severity", "SEVERE", "--review-status", "REVIEWED_MANUALLY", "--audience", "all"]

    @Test func addListShowUpdateRemove() throws {
        let server = try LanternProcess.Server(home: home)
        defer { server.stop() }
        #expect(try lantern(["participant", "add", "--id", "bravo", "--role", "tech"]).status == 0)
        let added = try lantern(["signal", "add", "--type", "email", "--value", "Someone@Example.com"] + Self.validFlags)
        #expect(added.status == 0, "\(added.stderr)")
        let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id.count == 26)

        let listed = try lantern(["signal", "list", "--type", "email", "--json"])
        let page = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        let signals = page?["signals"] as? [[String: Any]]
        #expect(signals?.first?["value"] as? String == "someone@example.com")

        let updated = try lantern(["signal", "update", id, "--audience", "bravo", "--severity", "WARNING"])
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(try lantern(["signal", "show", id]).stdout.contains("\"WARNING\""))

        let bad = try lantern(["signal", "add", "--type", "pdq", "--value", "abc", "--media-kind", "image"] + Self.validFlags)
        #expect(bad.status == 3)
        #expect(bad.stderr.contains("value: A PDQ hash has 64 hexadecimal characters"))

        #expect(try lantern(["signal", "remove", id, "--reason", "entered_in_error"]).status == 0)
        let gone = try lantern(["signal", "show", id])
        #expect(gone.status == 4)
        #expect(gone.stdout.contains("entered_in_error"))
        #expect(!gone.stdout.contains("someone@example.com"))
    }

    @Test func matchFindsSignalsAndExplainsWhy() throws {
        let server = try LanternProcess.Server(home: home)
        defer { server.stop() }
        let hash = String(repeating: "ab", count: 32)
        let added = try lantern(["signal", "add", "--type", "pdq", "--value", hash, "--media-kind", "image"] + Self.validFlags)
        #expect(added.status == 0, "\(added.stderr)")
        let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let near = String(repeating: "ab", count: 31) + "aa"
        let found = try lantern(["match", "--type", "pdq", "--value", near])
        #expect(found.status == 0 && found.stdout.contains(id) && found.stdout.contains("pdq distance 1"), "\(found.stdout)\(found.stderr)")
        #expect(try lantern(["match", "--type", "pdq", "--value", near, "--threshold", "0"]).stdout.contains("No signal matches."))
        let poor = try lantern(["match", "--type", "pdq", "--value", near, "--quality", "20"])
        #expect(poor.status == 3 && poor.stderr.contains("quality") && poor.stderr.contains("below 50"), "\(poor.stderr)")
        let unknown = try lantern(["match", "--type", "colour", "--value", "red"])
        #expect(unknown.status == 3 && unknown.stderr.contains("type"))
    }

    @Test func importReportsBadLinesAndStoresTheRest() throws {
        let server = try LanternProcess.Server(home: home)
        defer { server.stop() }
        let valid = #"{"type":"url","value":"https://example.com/%d","tags":["csam"],"severity":"SEVERE","review_status":"PENDING","audience":"all"}"#
        var lines = (0..<20).map { String(format: valid, $0) }
        lines[2] =
            #"{"type":"url","value":"https://example.com/x","tags":["platform:discord"],"severity":"SEVERE","review_status":"PENDING","audience":"all"}"#
        lines[6] = "{broken"
        let file = directory.file("signals.jsonl")
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)

        let dry = try lantern(["signal", "import", file, "--dry-run"])
        #expect(dry.status == 6)
        #expect(dry.stdout.contains("18 signals would be created"))

        let result = try lantern(["signal", "import", file, "--batch-size", "5"])
        #expect(result.status == 6)
        #expect(result.stderr.contains("line 3: tags: Supplemental tags cannot stand alone"))
        #expect(result.stderr.contains("line 7:"))
        #expect(result.stdout.contains("20 lines: 18 signals created, 2 rejected."))

        let csv = directory.file("signals.csv")
        try """
        type,value,tags,severity,review_status,audience,platform
        username,Some_User,grooming_sexual|platform:discord,SEVERE,REVIEWED_MANUALLY,all,discord
        email,"broken, no at sign",csam,SEVERE,REVIEWED_MANUALLY,all,
        url,https://example.org/,csam,WARNING,PENDING,all,

        """.write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try lantern(["signal", "import", csv])
        #expect(imported.status == 6)
        #expect(imported.stderr.contains("line 3: value:"))
        #expect(imported.stdout.contains("2 signals created, 1 rejected"))
        let listed = try lantern(["signal", "list", "--type", "username", "--json"])
        #expect(listed.stdout.contains("some_user"))
    }

    @Test func tokensCarryRolesAndRevocationIsImmediate() throws {
        let server = try LanternProcess.Server(home: home)
        defer { server.stop() }
        let created = try lantern(["token", "create", "--name", "reader", "--role", "integration", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: String]
        let secret = try #require(object?["secret"])
        let tokenID = try #require(object?["id"])
        #expect(try lantern(["signal", "list", "--token", secret]).status == 0)
        let forbidden = try lantern(["participant", "add", "--id", "delta", "--role", "tech", "--token", secret])
        #expect(forbidden.status == 5)
        #expect(try lantern(["token", "revoke", tokenID]).status == 0)
        let revoked = try lantern(["signal", "list", "--token", secret])
        #expect(revoked.status == 5)
        #expect(!(try lantern(["token", "list"]).stdout.contains(secret)))
    }

    @Test func sigtermStopsTheNodeCleanly() throws {
        let server = try LanternProcess.Server(home: home)
        #expect(FileManager.default.fileExists(atPath: home + "/api.json"))
        let second = try LanternProcess.run(["serve", "--home", home, "--api-port", "0"])
        #expect(second.status != 0)
        #expect(second.stderr.contains("already running"))
        #expect(server.stop(signal: SIGTERM) == 0)
        #expect(!FileManager.default.fileExists(atPath: home + "/api.json"))
    }
}
