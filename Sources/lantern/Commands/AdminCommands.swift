public import ArgumentParser
import Foundation
import LanternAPI
import LanternApp
import LanternClient
import LanternCore
import LanternStore
import NIOHTTP1

struct ParticipantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participant", abstract: "The local participant list (replaced by the signed registry when federating).",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a participant or change its entry.")
        @OptionGroup var client: ClientOptions
        @Option(help: "The participant's id.") var id: String
        @Option(help: "tech or financial.") var role: ParticipantRole
        @Flag(help: "A tech participant in the financial pool: it receives the pool and may share signals with it.") var financialOptIn = false
        @Option(help: "A display name.") var name: String?

        func run() async throws {
            try await exitOnFailure {
                var body: [String: AnyEncodable] = ["role": .init(role.rawValue), "financial_pool_opt_in": .init(financialOptIn)]
                if let name { body["name"] = .init(name) }
                let reply = try await client.client().send(.PUT, "/v1/participants/\(queryEscape(id))", json: try JSONEncoder().encode(body))
                if client.json { return printJSON(reply.body) }
                print("Participant \(id) saved (\(role.rawValue)\(financialOptIn ? ", financial pool" : "")).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the participants this node knows.")
        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await exitOnFailure {
                let reply = try await client.client().send(.GET, "/v1/participants")
                if client.json { return printJSON(reply.body) }
                let rows = try reply.decode(ParticipantListResource.self).participants.map {
                    [$0.id, $0.role, $0.financialPoolOptIn ? "yes" : "no", $0.name ?? ""]
                }
                printTable(["ID", "ROLE", "FINANCIAL POOL", "NAME"], rows)
            }
        }
    }
}

struct TaxonomyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxonomy", abstract: "Show the taxonomy in use or load a newer version.", subcommands: [Show.self, Load.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the taxonomy new signals are tagged against.")
        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await exitOnFailure {
                let reply = try await client.client().send(.GET, "/v1/taxonomy")
                if client.json { return printJSON(reply.body) }
                struct Body: Decodable {
                    var version: String
                    var tags: [Taxonomy.Tag]
                }
                let body = try reply.decode(Body.self)
                print("Taxonomy \(body.version)")
                printTable(["TAG", "KIND", "NAME"], body.tags.map { [$0.id + ($0.parameter.map { ":<\($0)>" } ?? ""), $0.kind.rawValue, $0.name] })
            }
        }
    }

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Load a taxonomy document (JSON) into the running node.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The taxonomy document.") var file: String

        func run() async throws {
            try await exitOnFailure {
                guard let data = FileManager.default.contents(atPath: file) else { throw ClientError(.failure, "Cannot read \(file).") }
                let reply = try await client.client().send(.PUT, "/v1/taxonomy", json: data)
                if client.json { return printJSON(reply.body) }
                let body = try reply.decode(TaxonomyLoadResultResource.self)
                print("Taxonomy \(body.version) is in use (\(body.tags) tags, \(body.loaded)).")
            }
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke API tokens (works on the home directory, whether or not the node runs).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print its secret once.")
        @OptionGroup var home: HomeOptions
        @Option(help: "What the token is for.") var name: String
        @Option(help: "admin, investigator, integration or auditor (read-only).") var role: TokenRole
        @Option(help: "The user who owns the token and answers for it; its role may not exceed theirs.") var owner: String?
        @Flag(help: "Print machine-readable JSON.") var json = false

        func run() async throws {
            try await exitOnFailure {
                let (info, secret) =
                    if let owner { try home.nodeHome.createToken(name: name, role: role, owner: owner) } else {
                        try home.nodeHome.createToken(name: name, role: role)
                    }
                if json {
                    printJSON(try JSONEncoder().encode(["id": info.id, "name": info.name, "role": info.role.rawValue, "secret": secret]))
                } else {
                    print("Token \(info.id) (\(info.role.rawValue)). Its secret, shown only now:")
                    print(secret)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var home: HomeOptions
        @Flag(help: "Print machine-readable JSON.") var json = false

        func run() async throws {
            try await exitOnFailure {
                let tokens = try home.nodeHome.tokens()
                if json {
                    let items = tokens.map { token in
                        [
                            "id": token.id, "name": token.name, "role": token.role.rawValue, "owner": token.owner ?? "",
                            "created_at": Timestamp.format(token.createdAt),
                            "revoked_at": token.revokedAt.map(Timestamp.format) ?? "",
                        ]
                    }
                    return printJSON(try JSONEncoder().encode(["tokens": items]))
                }
                let rows = tokens.map {
                    [
                        $0.id, $0.name, $0.role.rawValue, $0.owner ?? "-", Timestamp.format($0.createdAt),
                        $0.revokedAt.map(Timestamp.format) ?? "active",
                    ]
                }
                printTable(["ID", "NAME", "ROLE", "OWNER", "CREATED", "REVOKED"], rows)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token; it stops working at once.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The token's id (tok_…).") var id: String

        func run() async throws {
            try await exitOnFailure {
                try home.nodeHome.revokeToken(id: id)
                print("Revoked \(id).")
            }
        }
    }
}

extension TokenRole: ExpressibleByArgument {}

/// A type-erased encodable value, for small request bodies.
struct AnyEncodable: Encodable {
    let encodeValue: (any Encoder) throws -> Void
    init(_ value: some Encodable) { encodeValue = value.encode }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}
