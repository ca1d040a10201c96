import ArgumentParser
import Foundation
import LanternAPI
import LanternClient
import LanternCore
import NIOHTTP1

/// `lantern review`: the human review queue of matches against the company's own data.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Claim and decide the matches waiting for review; nothing is actioned automatically.",
        discussion: """
            Every match of a received signal (from the match API, 'lantern match' or a backlog review) becomes a \
            review item. An investigator lists the queue, claims an item, and decides it: confirmed (with the \
            actions taken), false_positive, or needs_info. A decision sends a reaction to the signal's origin.
            """,
        subcommands: [List.self, Show.self, Claim.self, Release.self, Decide.self, Flags.self, FlagDecide.self, Outcomes.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List review items, oldest first (open, claimed and needs_info unless --status).")

        @OptionGroup var client: ClientOptions
        @Option(help: "Statuses, comma-separated (\(ReviewItemStatus.list)), or all.")
        var status: String?
        @Option(help: "Only the items of this signal.")
        var signal: String?
        @Option(help: "Items after this id (the previous page's next_after).")
        var after: Int64?
        @Option(help: "At most this many items (1 to 1000).")
        var limit = 100

        func run() async throws {
            try await exitOnFailure {
                var query = ["limit=\(limit)"]
                if let status { query.append("status=\(queryEscape(status))") }
                if let signal { query.append("signal=\(queryEscape(signal))") }
                if let after { query.append("after=\(after)") }
                let reply = try await client.client().send(.GET, "/v1/review/items?" + query.joined(separator: "&"))
                if client.json { return printJSON(reply.body) }
                let page = try reply.decode(ReviewItemListResource.self)
                if page.items.isEmpty { print("No review items.") }
                for item in page.items { print(item.line) }
                if let next = page.nextAfter { print("More: --after \(next)") }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one review item, its signal and every decision taken on it.")

        @OptionGroup var client: ClientOptions
        @Argument(help: "The review item's id.")
        var id: Int64

        func run() async throws {
            try await exitOnFailure { printJSON(try await client.client().send(.GET, "/v1/review/items/\(id)").body) }
        }
    }

    struct Claim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Claim a review item, so no one else works on it.")

        @OptionGroup var client: ClientOptions
        @Argument(help: "The review item's id.")
        var id: Int64

        func run() async throws { try await ReviewCommand.post("claim", item: id, client: client) }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give up the claim on a review item (an admin may release anyone's).")

        @OptionGroup var client: ClientOptions
        @Argument(help: "The review item's id.")
        var id: Int64

        func run() async throws { try await ReviewCommand.post("release", item: id, client: client) }
    }

    /// Posts `action` (claim, release) for an item and prints the item as it now is.
    static func post(_ action: String, item: Int64, client: ClientOptions) async throws {
        try await exitOnFailure {
            let reply = try await client.client().send(.POST, "/v1/review/items/\(item)/\(action)", json: Data("{}".utf8))
            if client.json { return printJSON(reply.body) }
            print(try reply.decode(ReviewItemResource.self).line)
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide a review item: confirmed, false_positive or needs_info.",
            discussion: """
                A confirmation names what was done (--action, repeatable: \(ReviewAction.list)); these are counted \
                for the outcome figures. The decision sends its default reaction to the signal's origin \
                (ACTION_TAKEN, or HELPFUL without an action; NOT_HELPFUL; WANT_MORE_INFO) unless --reaction or \
                --no-reaction says otherwise.
                """)

        @OptionGroup var client: ClientOptions
        @Argument(help: "The review item's id.")
        var id: Int64
        @Argument(help: "The decision: \(ReviewDecision.list).")
        var decision: String
        @Option(name: .customLong("action"), help: "What was done about a confirmed match (repeatable).")
        var actions: [String] = []
        @Option(help: "A note for the record (at most 2000 characters).")
        var note: String?
        @OptionGroup var reacting: ReactionOptions

        func run() async throws {
            try await exitOnFailure {
                var body: [String: Any] = ["decision": decision, "actions": actions]
                if let note { body["note"] = note }
                reacting.add(to: &body)
                let json = try JSONSerialization.data(withJSONObject: body)
                let reply = try await client.client().send(.POST, "/v1/review/items/\(id)/decision", json: json)
                if client.json { return printJSON(reply.body) }
                print(try reply.decode(ReviewItemResource.self).line)
            }
        }
    }

    struct Flags: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the signals flagged for matching unusually often.")

        @OptionGroup var client: ClientOptions
        @Option(help: "flagged (the default), cleared, suppressed, withdrawn or all.")
        var status = "flagged"

        func run() async throws {
            try await exitOnFailure {
                let reply = try await client.client().send(.GET, "/v1/review/flags?status=\(queryEscape(status))")
                if client.json { return printJSON(reply.body) }
                let listing = try reply.decode(FlagListResource.self)
                if listing.flags.isEmpty { print("No flagged signals.") }
                for flag in listing.flags {
                    print("\(flag.signalID)\t\(flag.status)\t\(flag.signalType) from \(flag.origin)\t\(flag.items) items\t\(flag.flaggedAt)")
                }
            }
        }
    }

    struct FlagDecide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "flag",
            abstract: "Decide a flagged signal: clear (its held items join the queue) or suppress (they are not reviewed).",
            discussion: "Suppressing sends NOT_HELPFUL to the signal's origin unless --reaction or --no-reaction says otherwise.")

        @OptionGroup var client: ClientOptions
        @Argument(help: "The signal's id.")
        var signal: String
        @Argument(help: "The decision: \(FlagDecision.list).")
        var decision: String
        @OptionGroup var reacting: ReactionOptions

        func run() async throws {
            try await exitOnFailure {
                var body: [String: Any] = ["decision": decision]
                reacting.add(to: &body)
                let json = try JSONSerialization.data(withJSONObject: body)
                let reply = try await client.client().send(.POST, "/v1/review/flags/\(queryEscape(signal))/decision", json: json)
                if client.json { return printJSON(reply.body) }
                print("Signal \(signal): \(decision == "clear" ? "cleared" : "suppressed").")
            }
        }
    }

    struct Outcomes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the review queue's figures: items by status, actions taken, flags.")

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await exitOnFailure { printJSON(try await client.client().send(.GET, "/v1/review/outcomes").body) }
        }
    }

    /// What a decision sends to the signal's origin: its default, other reactions, or none.
    struct ReactionOptions: ParsableArguments {
        @Option(name: .customLong("reaction"), help: "The reaction to send instead of the default (repeatable).")
        var reactions: [String] = []
        @Flag(name: .customLong("no-reaction"), help: "Send no reaction to the signal's origin.")
        var noReaction = false

        func validate() throws {
            if noReaction, !reactions.isEmpty { throw ValidationError("Give --reaction or --no-reaction, not both.") }
        }

        /// Adds `reactions` to a decision's body unless the default is wanted.
        func add(to body: inout [String: Any]) {
            if noReaction { body["reactions"] = [String]() } else if !reactions.isEmpty { body["reactions"] = reactions }
        }
    }
}

extension ReviewItemResource {
    /// One line of `lantern review list`: id, status and who holds it, the item, and the signal it matched.
    var line: String {
        let who = claimedBy.map { " claimed by \($0)" } ?? decidedBy.map { " by \($0)" } ?? ""
        let repeats = matchCount > 1 ? " (\(matchCount) matches)" : ""
        let actionText = actions.isEmpty ? "" : " [\(actions.joined(separator: ","))]"
        let value = itemValue.map { $0.count > 60 ? String($0.prefix(57)) + "..." : $0 } ?? "-"
        return "\(id)\t\(status)\(who)\(actionText)\t\(ref ?? "-")\t\(itemType) \(value)\t\(signalType) \(signalID) from \(origin)\(repeats)"
    }
}
