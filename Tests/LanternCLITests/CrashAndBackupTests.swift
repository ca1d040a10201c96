import Foundation
import LanternStore
import LanternTesting
import Testing

/// What survives a kill -9 and what a backup gives back, with real processes.
@Suite(.serialized) struct CrashAndBackupTests {
    let directory: TemporaryDirectory
    let home: String

    init() throws {
        directory = try TemporaryDirectory(prefix: "lantern-crash")
        home = directory.file("alpha")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let result = try LanternProcess.run(["init", "--home", home, "--participant", "alpha", "--api-port", "0"])
        guard result.status == 0 else { throw LanternProcess.ServerError(message: result.stderr) }
    }

    func writeSignals(count: Int, to file: String) throws {
        _ = FileManager.default.createFile(atPath: file, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        var chunk = ""
        for i in 0..<count {
            chunk +=
                #"{"type":"url","value":"https://crash.example/\#(i)","tags":["csam"],"severity":"SEVERE","review_status":"PENDING","audience":"all"}"#
                + "\n"
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        handle.write(Data(chunk.utf8))
        try handle.close()
    }

    @Test func killDuringImportLeavesWholeBatchesOnly() throws {
        let file = directory.file("big.jsonl")
        let total = 100_000
        let batch = 500
        try writeSignals(count: total, to: file)
        let server = try LanternProcess.Server(home: home)
        let importer = Process()
        importer.executableURL = LanternProcess.binary
        importer.arguments = ["signal", "import", file, "--home", home, "--batch-size", String(batch), "--no-progress"]
        importer.standardOutput = FileHandle.nullDevice
        importer.standardError = FileHandle.nullDevice
        try importer.run()

        // Wait until some batches are committed, then kill the node without warning.
        let store = try NodeStore(path: home + "/node.sqlite")
        let deadline = Date().addingTimeInterval(60)
        while try store.signals.count() < batch * 4, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        server.stop(signal: SIGKILL)
        importer.waitUntilExit()
        try store.close()

        let reopened = try NodeStore(path: home + "/node.sqlite")
        #expect(try reopened.integrityCheck() == ["ok"])
        let count = try reopened.signals.count()
        #expect(count >= batch * 4)
        #expect(count < total, "the import finished before the kill; make the file larger")
        #expect(count % batch == 0, "\(count) signals: a partial batch was committed")
        // The stored signals are exactly the first lines of the file.
        let page = try reopened.signals.page(matching: SignalQuery(value: "https://crash.example/\(count - 1)"))
        #expect(page.signals.count == 1)
        #expect(try reopened.signals.page(matching: SignalQuery(value: "https://crash.example/\(count)")).signals.isEmpty)
        try reopened.close()

        // The node restarts, and running the same import again resumes after the last committed line.
        let restarted = try LanternProcess.Server(home: home)
        let resumed = try LanternProcess.run(["signal", "import", file, "--home", home, "--batch-size", String(batch), "--no-progress"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Resumed: \(count) lines were committed by an earlier run"))
        restarted.stop()
        let final = try NodeStore(path: home + "/node.sqlite")
        #expect(try final.signals.count() == total)
        for probe in [0, count - 1, count, total - 1] {
            #expect(try final.signals.page(matching: SignalQuery(value: "https://crash.example/\(probe)")).signals.count == 1, "line \(probe + 1)")
        }
        // A third run has nothing left to do; --restart imports everything again.
        let third = try LanternProcess.Server(home: home)
        let again = try LanternProcess.run(["signal", "import", file, "--home", home, "--no-progress"])
        #expect(again.stdout.contains("0 signals created"))
        third.stop()
    }

    @Test func backupWhileRunningRestoresToAWorkingNode() throws {
        let server = try LanternProcess.Server(home: home)
        let file = directory.file("some.jsonl")
        try writeSignals(count: 300, to: file)
        #expect(try LanternProcess.run(["signal", "import", file, "--home", home]).status == 0)
        let backup = directory.file("alpha-backup.sqlite")
        let result = try LanternProcess.run(["backup", "--home", home, "--to", backup])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("300 live signals"))
        // Files holding signals are the owner's alone, even where the directory already existed with a wider mode.
        func mode(_ path: String) throws -> Int? { try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int }
        #expect(try mode(backup) == 0o600)
        #expect(try mode(home + "/node.sqlite") == 0o600)
        #expect(try mode(home) == 0o700)
        server.stop()

        let restoredHome = directory.file("restored")
        // A backup older than the federation's tombstone age bound is refused: peers may have forgotten removals
        // made since. (A bound of 0 seconds makes this one too old.)
        let tooOld = try LanternProcess.run(["restore", "--home", restoredHome, "--from", backup, "--tombstone-max-age", "0"])
        #expect(tooOld.status == 3 && tooOld.stderr.contains("tombstone age bound"), "\(tooOld.stderr)")
        #expect(!FileManager.default.fileExists(atPath: restoredHome + "/node.sqlite"))
        // A copy that is not a backup made by LanternNode says nothing of its age: refused unless accepted knowingly.
        let copy = directory.file("plain-copy.sqlite")
        try FileManager.default.copyItem(atPath: home + "/node.sqlite", toPath: copy)
        let unknownAge = try LanternProcess.run(["restore", "--home", directory.file("from-copy"), "--from", copy, "--api-port", "0"])
        #expect(unknownAge.status == 3 && unknownAge.stderr.contains("does not say when"), "\(unknownAge.stderr)")
        let accepted = try LanternProcess.run(
            ["restore", "--home", directory.file("from-copy"), "--from", copy, "--api-port", "0", "--accept-resurrection"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let restore = try LanternProcess.run(["restore", "--home", restoredHome, "--from", backup, "--api-port", "0"])
        #expect(restore.status == 0, "\(restore.stderr)")
        let restored = try LanternProcess.Server(home: restoredHome)
        defer { restored.stop() }
        let listed = try LanternProcess.run(["signal", "list", "--value", "https://crash.example/299", "--json", "--home", restoredHome])
        #expect(listed.stdout.contains("crash.example/299"))
        let added = try LanternProcess.run(
            ["signal", "add", "--type", "url", "--value", "https://after-restore.example/", "--home", restoredHome] + CLITests.validFlags)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try LanternProcess.run(["restore", "--home", restoredHome, "--from", backup]).status != 0)
    }
}
