import ArgumentParser
import Foundation
import LanternCore

struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Check one value of your own data against every signal this node holds.",
        discussion: """
            Types: \(SignalType.allCases.filter { $0 != .keyword }.map { $0.rawValue }.joined(separator: ", ")), or text (searched \
            for keyword signals). Prints one line per match: the signal's id, origin, type, value, severity, review status \
            and why it matched. Exit code 0 whether or not anything matched; nothing is actioned.
            """)

    @OptionGroup var client: ClientOptions
    @Option(help: "The item's type, or text.") var type: String
    @Option(help: "The item's value: a hash, URL, account identifier or text.") var value: String
    @Option(help: "PDQ: the largest Hamming distance that matches (default 31).") var threshold: Int?
    @Option(help: "PDQ: the hash's quality; below 50 is refused.") var quality: Int?
    @Option(help: "Hashes: only signals of this media kind.") var mediaKind: String?
    @Option(help: "Usernames: only signals of this platform.") var platform: String?
    @Option(help: "Payment accounts: only signals of this provider.") var provider: String?
    @Option(help: "Text: its language (BCP 47); only keywords of that language match.") var language: String?

    struct Reply: Decodable {
        struct Result: Decodable {
            struct Match: Decodable {
                struct Signal: Decodable {
                    var id: String
                    var origin: String
                    var type: String
                    var value: String
                    var severity: String
                    var review_status: String
                }
                struct Reason: Decodable {
                    var kind: String
                    var distance: Int?
                    var domain: String?
                    var path: String?
                    var start: Int?
                    var end: Int?
                }
                var signal: Signal
                var reason: Reason
            }
            struct Failure: Decodable {
                var field: String
                var message: String
            }
            var matches: [Match]?
            var error: Failure?
        }
        var results: [Result]
    }

    func run() async throws {
        try await exitOnFailure {
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
            guard let result = try reply.decode(Reply.self).results.first else { return }
            if let error = result.error {
                throw CLIError(.refused, "\(error.field.replacingOccurrences(of: "items[0].", with: "")): \(error.message)")
            }
            let matches = result.matches ?? []
            if matches.isEmpty { print("No signal matches.") }
            for match in matches {
                let signal = match.signal
                print(
                    [signal.id, signal.origin, signal.type, signal.value, signal.severity, signal.review_status, Self.describe(match.reason)].joined(
                        separator: "\t"))
            }
        }
    }

    static func describe(_ reason: Reply.Result.Match.Reason) -> String {
        switch reason.kind {
        case "pdq": "pdq distance \(reason.distance ?? 0)"
        case "domain": "domain \(reason.domain ?? "")"
        case "path_prefix": "under \(reason.path ?? "")"
        case "keyword": "keyword at \(reason.start ?? 0)..<\(reason.end ?? 0)"
        default: reason.kind
        }
    }
}
