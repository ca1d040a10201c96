import ArgumentParser
import Foundation
import LanternApp
import LanternClient
import LanternCore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify and export the audit log (on the home directory).",
        subcommands: [Verify.self, Export.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit log's hash chain; exit 1 if a record was changed or removed.")
        @OptionGroup var home: HomeOptions
        @Option(
            name: .customLong("expect"),
            help: "SEQ:HASH, a record's hash kept outside the node (as verify printed it): fail if the log no longer has it.")
        var anchor: String?
        @Flag(help: "Print machine-readable JSON.") var json = false

        func run() async throws {
            try await exitOnFailure {
                var expected: (seq: Int64, hash: Data)?
                if let anchor {
                    let parts = anchor.split(separator: ":")
                    guard parts.count == 2, let seq = Int64(parts[0]), seq > 0, let bytes = Hex.decode(String(parts[1])), bytes.count == 32 else {
                        throw ClientError(.refused, "--expect: give SEQ:HASH, a record number and its 64-character hash.")
                    }
                    expected = (seq, Data(bytes))
                }
                let result = try home.nodeHome.verifyAudit(anchor: expected)
                if json {
                    var body = ["intact": result.isIntact ? "true" : "false", "records": String(result.records), "head": Hex.encode(result.headHash)]
                    if let problem = result.problem {
                        body["problem_seq"] = String(problem.seq)
                        body["problem"] = problem.reason
                    }
                    printJSON(try JSONEncoder().encode(body))
                } else if let problem = result.problem {
                    printError("The audit log is broken at record \(problem.seq): \(problem.reason)")
                    print("The \(result.records) records before it hold; their last hash is \(Hex.encode(result.headHash)).")
                } else {
                    print("The audit log holds: \(result.records) records, chained. Last: \(result.records):\(Hex.encode(result.headHash))")
                }
                if !result.isIntact { throw ExitCode.failure }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the audit log as JSON lines, oldest first, with each record's hashes; the export is itself recorded.")
        @OptionGroup var home: HomeOptions
        @Option(help: "A new file to write.") var output: String

        func run() async throws {
            try await exitOnFailure {
                let count = try home.nodeHome.exportAudit(to: output)
                print("Wrote \(count) audit records to \(output).")
            }
        }
    }
}
