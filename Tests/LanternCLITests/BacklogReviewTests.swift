import Foundation
import LanternTesting
import Testing

/// `lantern match --file`: a backlog of the company's own items reviewed against the node's signals, bad lines
/// reported by number, and a run killed half-way resumed without losing or repeating a result.
@Suite(.serialized) struct BacklogReviewTests {
    let directory: TemporaryDirectory
    let home: String

    init() throws {
        directory = try TemporaryDirectory(prefix: "lantern-backlog")
        home = directory.file("alpha")
        let result = try LanternProcess.run(["init", "--home", home, "--participant", "alpha", "--api-port", "0"])
        guard result.status == 0 else { throw LanternProcess.ServerError(message: result.stderr) }
    }

    func lantern(_ arguments: [String]) throws -> LanternProcess.Result {
        try LanternProcess.run(arguments + ["--home", home])
    }

    func lines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func badLinesAreReportedByNumberAndTheRestReviewed() throws {
        let server = try LanternProcess.Server(home: home)
        defer { server.stop() }
        let added = try lantern(["signal", "add", "--type", "url", "--value", "https://bad.example/x"] + CLITests.validFlags)
        #expect(added.status == 0, "\(added.stderr)")
        let items = directory.file("items.jsonl")
        try """
        {"ref": "post-1", "type": "url", "value": "https://bad.example/x"}
        {"ref": "post-2", "type": "url", "value": "https://fine.example/"}
        this is not json
        {"ref": "post-4", "type": "url"}

        {"ref": "post-6", "type": "url", "value": "not a url"}
        {"ref": "post-7", "type": "url", "value": "HTTPS://BAD.EXAMPLE/x"}
        """.write(toFile: items, atomically: true, encoding: .utf8)
        let out = directory.file("matches.jsonl")
        let run = try lantern(["match", "--file", items, "--out", out, "--batch-size", "2"])
        #expect(run.status == 6, "\(run.stderr)")
        #expect(run.stdout.contains("Reviewed 6 items: 2 matched, 3 failed"), "\(run.stdout)")
        for line in ["line 3: line:", "line 4: value:", "line 6: value:"] { #expect(run.stderr.contains(line), "\(run.stderr)") }
        let results = try lines(out)
        #expect(results.map { $0["line"] as? Int } == [1, 3, 4, 6, 7])
        #expect(results.compactMap { $0["ref"] as? String } == ["post-1", "post-4", "post-6", "post-7"])
        #expect(!FileManager.default.fileExists(atPath: out + ".progress"))
        // An existing output is not overwritten without a run to resume.
        #expect(try lantern(["match", "--file", items, "--out", out]).status == 3)
    }

    @Test func aKilledRunResumesWithoutLosingOrRepeatingResults() throws {
        let server = try LanternProcess.Server(home: home)
        defer { server.stop() }
        let hash = String(repeating: "ab", count: 32)
        #expect(try lantern(["signal", "add", "--type", "pdq", "--value", hash, "--media-kind", "image"] + CLITests.validFlags).status == 0)
        // 20,000 items; every tenth is a near-duplicate of the signal's hash.
        let items = directory.file("backlog.jsonl")
        var text = ""
        for n in 0..<20_000 {
            let value = n % 10 == 0 ? String(repeating: "ab", count: 31) + "aa" : String(format: "%064x", n * 7919)
            text += #"{"ref": "img-\#(n)", "type": "pdq", "value": "\#(value)"}"# + "\n"
        }
        try text.write(toFile: items, atomically: true, encoding: .utf8)
        let out = directory.file("backlog-matches.jsonl")
        let process = Process()
        process.executableURL = LanternProcess.binary
        process.arguments = ["match", "--file", items, "--out", out, "--batch-size", "50", "--home", home]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Killed once it has finished a few batches, wherever it then is.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, (try? lines(out).count) ?? 0 < 20 { Thread.sleep(forTimeInterval: 0.01) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: out + ".progress"), "the run was killed before it finished")

        let resumed = try lantern(["match", "--file", items, "--out", out, "--batch-size", "500"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Resumed at line"), "\(resumed.stdout)")
        let refs = try lines(out).compactMap { $0["ref"] as? String }
        #expect(refs.count == 2000 && Set(refs).count == 2000, "every match once: \(refs.count) lines, \(Set(refs).count) distinct")
        #expect(Set(refs) == Set(stride(from: 0, to: 20_000, by: 10).map { "img-\($0)" }))
    }
}
