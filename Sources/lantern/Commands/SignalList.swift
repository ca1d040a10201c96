import ArgumentParser
import Foundation
import LanternAPI
import LanternClient
import NIOHTTP1

struct SignalList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List and search signals, newest first.")

    @OptionGroup var client: ClientOptions
    @Option(help: "Only this type.") var type: String?
    @Option(help: "Only this origin participant.") var origin: String?
    @Option(help: "Only signals with this tag (platform matches every platform:… tag).") var tag: String?
    @Option(help: "all, financial, allowlist, or a participant id (allowlists that include it).") var audience: String?
    @Option(help: "Only this review status.") var reviewStatus: String?
    @Option(help: "Only this severity.") var severity: String?
    @Option(help: "Created at or after (RFC 3339).") var since: String?
    @Option(help: "Created before (RFC 3339).") var before: String?
    @Option(help: "Only this exact normalised value.") var value: String?
    @Option(help: "Signals per page, 1 to 1000.") var limit: Int = 50
    @Option(help: "The cursor printed after the previous page.") var cursor: String?

    func run() async throws {
        try await exitOnFailure {
            let pairs: [(String, String?)] = [
                ("type", type), ("origin", origin), ("tag", tag), ("audience", audience), ("review_status", reviewStatus),
                ("severity", severity), ("created_since", since), ("created_before", before), ("value", value),
                ("limit", String(limit)), ("cursor", cursor),
            ]
            let query = pairs.compactMap { key, value in value.map { "\(key)=\(queryEscape($0))" } }.joined(separator: "&")
            let reply = try await client.client().send(.GET, "/v1/signals?" + query)
            if client.json { return printJSON(reply.body) }
            let page = try reply.decode(SignalListResource.self)
            let rows = page.signals.map { s in
                [
                    s.id, s.origin, s.type, truncated(s.value), s.tags.joined(separator: ","), s.severity,
                    s.audience == "allowlist" ? (s.allowlist ?? []).joined(separator: ",") : s.audience,
                ]
            }
            printTable(["ID", "ORIGIN", "TYPE", "VALUE", "TAGS", "SEVERITY", "AUDIENCE"], rows)
            if let next = page.nextCursor { print("More: --cursor \(next)") }
        }
    }
}
