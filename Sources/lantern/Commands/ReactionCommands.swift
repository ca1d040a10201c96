import ArgumentParser
import Foundation
import LanternAPI
import LanternClient
import LanternCore
import NIOHTTP1

struct SignalReact: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "react",
        abstract: "Set this node's reactions to a signal it received; they go to the signal's origin only.",
        discussion: """
            The reactions given replace this node's earlier ones on the signal; none at all (with --clear) withdraws \
            them. Reactions: \(ReactionKind.list).
            """)

    @OptionGroup var client: ClientOptions
    @Argument(help: "The signal's id.")
    var id: String
    @Argument(help: "Reactions, such as HELPFUL SAW_THIS_TOO.")
    var reactions: [String] = []
    @Flag(help: "Withdraw this node's reactions to the signal.")
    var clear = false

    func validate() throws {
        if reactions.isEmpty != clear {
            throw ValidationError(clear ? "Give either reactions or --clear, not both." : "Give at least one reaction, or --clear.")
        }
    }

    func run() async throws {
        try await exitOnFailure {
            let body = try JSONEncoder().encode(["reactions": reactions])
            let reply = try await client.client().send(.PUT, "/v1/signals/\(queryEscape(id))/reactions", json: body)
            if client.json { return printJSON(reply.body) }
            print(clear ? "Withdrew this node's reactions to \(id)." : "Reacted to \(id): \(reactions.joined(separator: ", ")).")
        }
    }
}

struct SignalReactions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reactions",
        abstract: "Show the reactions held on a signal: every consumer's on this node's own, this node's on one it received.")

    @OptionGroup var client: ClientOptions
    @Argument(help: "The signal's id.")
    var id: String

    func run() async throws {
        try await exitOnFailure {
            let reply = try await client.client().send(.GET, "/v1/signals/\(queryEscape(id))/reactions")
            if client.json { return printJSON(reply.body) }
            let listing = try reply.decode(ReactionListResource.self)
            if listing.reactions.isEmpty { print("No reactions to \(id).") }
            for item in listing.reactions {
                print("\(item.reactor)\t\(item.reactions.joined(separator: ","))\t\(item.reactedAt)")
            }
        }
    }
}
