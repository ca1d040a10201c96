import Foundation
import LanternTesting
import Testing

/// `lantern user` and `lantern audit` on a home, as an admin runs them: real processes.
@Suite(.serialized) struct UserCommandTests {
    let directory: TemporaryDirectory
    let home: String

    init() throws {
        directory = try TemporaryDirectory(prefix: "lantern-users")
        home = directory.file("alpha")
        let result = try LanternProcess.run(["init", "--home", home, "--participant", "alpha", "--api-port", "0"])
        guard result.status == 0 else { throw LanternProcess.ServerError(message: result.stderr) }
    }

    func lantern(_ arguments: [String]) throws -> LanternProcess.Result {
        try LanternProcess.run(arguments + ["--home", home])
    }

    func json(_ result: LanternProcess.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func usersAreAddedDisabledResetAndAudited() throws {
        let added = try lantern(["user", "add", "ana", "--role", "investigator", "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        let password = try #require(try json(added)["temporary_password"] as? String)
        #expect(password.count == 20)
        #expect(try lantern(["user", "add", "ana", "--role", "admin"]).status == 3)
        let badName = try lantern(["user", "add", "Ana", "--role", "admin"])
        #expect(badName.status == 3 && badName.stderr.contains("name: A user name starts with a lower-case letter."))

        let listed = try json(lantern(["user", "list", "--json"]))["users"] as? [[String: String]]
        #expect(listed?.first?["state"] == "enrolling")

        #expect(try lantern(["user", "disable", "ana"]).status == 0)
        #expect(try lantern(["user", "list"]).stdout.contains("disabled"))
        #expect(try lantern(["user", "enable", "ana"]).status == 0)
        let reset = try json(lantern(["user", "reset", "ana", "--json"]))
        #expect(reset["temporary_password"] as? String != password)
        #expect(try lantern(["user", "unlock", "nobody"]).status == 4)

        // A token is owned by a user and never does more than they may.
        let refused = try lantern(["token", "create", "--name", "ana's", "--role", "admin", "--owner", "ana"])
        #expect(refused.status == 3 && refused.stderr.contains("may not own a token of role admin"))
        #expect(try lantern(["token", "create", "--name", "ana's", "--role", "integration", "--owner", "ana"]).status == 0)
        #expect(try lantern(["token", "list"]).stdout.contains(" ana "))

        let verified = try lantern(["audit", "verify", "--json"])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(try json(verified)["records"] as? String == "5")
        let export = directory.file("audit.jsonl")
        #expect(try lantern(["audit", "export", "--output", export]).status == 0)
        let lines = try String(contentsOfFile: export, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 5)
        let actions = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }.map { $0?["action"] as? String }
        #expect(actions == ["user.add", "user.disable", "user.enable", "user.reset", "token.create"])
        #expect(!(try String(contentsOfFile: export, encoding: .utf8)).contains(password))
        #expect(try lantern(["audit", "export", "--output", export]).status == 3)
        // The export itself is recorded.
        let after = try json(lantern(["audit", "verify", "--json"]))
        #expect(after["records"] as? String == "6")
        // A record's hash kept outside the node is checked: the right one holds, a wrong one or a record beyond the
        // log (a cut-off tail) fails.
        let head = try #require(after["head"] as? String)
        #expect(try lantern(["audit", "verify", "--expect", "6:\(head)"]).status == 0)
        let rewritten = try lantern(["audit", "verify", "--expect", "6:" + String(repeating: "0", count: 64)])
        #expect(rewritten.status == 1 && rewritten.stderr.contains("does not have the hash that was kept"))
        let cut = try lantern(["audit", "verify", "--expect", "9:\(head)"])
        #expect(cut.status == 1 && cut.stderr.contains("its tail was cut off"))
        #expect(try lantern(["audit", "verify", "--expect", "nonsense"]).status == 3)
    }

    @Test func aDemoUserIsReadyToLogIn() throws {
        let added = try json(lantern(["user", "add", "demo", "--role", "investigator", "--demo", "--json"]))
        let key = try #require(added["authenticator_key"] as? String)
        #expect(key.count >= 32 && key.allSatisfy { $0.isUppercase || ("2"..."7").contains($0) })
        #expect((added["authenticator_address"] as? String)?.contains("secret=\(key)") == true)
        let users = try json(lantern(["user", "list", "--json"]))["users"] as? [[String: String]]
        #expect(users?.first?["state"] == "active")
    }
}
