import ArgumentParser
import Foundation
import LanternAPI
import LanternClient
import LanternCore
import NIOHTTP1

struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Check your own data against every signal this node holds: one value, or a file of items (backlog review).",
        discussion: """
            Types: \(SignalType.allCases.filter { $0 != .keyword }.map { $0.rawValue }.joined(separator: ", ")), or text (searched \
            for keyword signals). Prints one line per match: the signal's id, origin, type, value, severity, review status \
            and why it matched. Exit code 0 whether or not anything matched; nothing is actioned.

            With --file, reads JSON lines of items ({"ref", "type", "value", and optionally "media_kind", "platform",             "provider", "language", "quality", "threshold"}) and writes, to --out, one JSON line per item that matched             or failed, with its line number and ref. It shows progress on a terminal, never holds the file in memory,             and, run again with the same files after an interruption, resumes where it stopped. Exit code 6 when some             lines failed.
            """)

    @OptionGroup var client: ClientOptions
    @Option(help: "The item's type, or text.") var type: String?
    @Option(help: "The item's value: a hash, URL, account identifier or text.") var value: String?
    @Option(help: "A JSON-lines file of items to review.") var file: String?
    @Option(help: "With --file: where to write the results (JSON lines).") var out: String?
    @Option(help: "With --file: items per request.") var batchSize: Int = 500
    @Option(help: "PDQ: the largest Hamming distance that matches (default 31).") var threshold: Int?
    @Option(help: "PDQ: the hash's quality; below 50 is refused.") var quality: Int?
    @Option(help: "Hashes: only signals of this media kind.") var mediaKind: String?
    @Option(help: "Usernames: only signals of this platform.") var platform: String?
    @Option(help: "Payment accounts: only signals of this provider.") var provider: String?
    @Option(help: "Text: its language (BCP 47); only keywords of that language match.") var language: String?

    func validate() throws {
        if file != nil {
            guard type == nil, value == nil else { throw ValidationError("Give either --file or --type and --value, not both.") }
            guard out != nil else { throw ValidationError("--file needs --out, the file the results go to.") }
            guard (1...1000).contains(batchSize) else { throw ValidationError("--batch-size is 1 to 1000.") }
        } else {
            guard type != nil, value != nil else { throw ValidationError("Give --type and --value, or --file and --out.") }
        }
    }

    func run() async throws {
        try await exitOnFailure {
            if let file, let out {
                let review = BacklogReview(
                    input: file, output: out, batchSize: batchSize, client: try client.client(), showProgress: isatty(STDERR_FILENO) == 1)
                let summary = try await review.run()
                if let line = summary.resumedAtLine { print("Resumed at line \(line).") }
                print("Reviewed \(summary.items) items: \(summary.matched) matched, \(summary.errors) failed; results in \(out).")
                if summary.errors > 0 { throw ExitCode(ClientError.Code.partialImport.rawValue) }
                return
            }
            guard let type, let value else { return }
            var item: [String: Any] = ["type": type, "value": value]
            item["threshold"] = threshold
            item["quality"] = quality
            item["media_kind"] = mediaKind
            item["platform"] = platform
            item["provider"] = provider
            item["language"] = language
            let body = try JSONSerialization.data(withJSONObject: ["items": [item]])
            let reply = try await client.client().send(.POST, "/v1/match", json: body)
            if client.json { return printJSON(reply.body) }
            guard let result = try reply.decode(MatchResultsResource.self).results.first else { return }
            if let error = result.error {
                throw ClientError(.refused, "\(error.field.replacingOccurrences(of: "items[0].", with: "")): \(error.message)")
            }
            let matches = result.matches ?? []
            if matches.isEmpty { print("No signal matches.") }
            for match in matches {
                let signal = match.signal
                print(
                    [signal.id, signal.origin, signal.type, signal.value, signal.severity, signal.reviewStatus, Self.describe(match.reason)].joined(
                        separator: "\t"))
            }
        }
    }

    static func describe(_ reason: MatchReasonResource) -> String {
        switch reason.kind {
        case "pdq": "pdq distance \(reason.distance ?? 0)"
        case "domain": "domain \(reason.domain ?? "")"
        case "path_prefix": "under \(reason.path ?? "")"
        case "keyword": "keyword at \(reason.start ?? 0)..<\(reason.end ?? 0)"
        default: reason.kind
        }
    }
}
