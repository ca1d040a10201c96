import ArgumentParser
import Foundation
import LanternAPI
import LanternClient
import LanternCore
import NIOCore
import NIOHTTP1

struct PeerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peer", abstract: "The nodes this node exchanges signals with over mutual TLS.",
        subcommands: [Add.self, List.self, Remove.self, Status.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a peer (it must be in the registry) or change its URL.")
        @OptionGroup var client: ClientOptions
        @Option(help: "The peer's participant id.") var participant: String
        @Option(help: "The peer's endpoint, https://HOST:PORT.") var url: String

        func run() async throws {
            try await exitOnFailure {
                let body = try JSONEncoder().encode(["url": url])
                let reply = try await client.client().send(.PUT, "/v1/peers/\(queryEscape(participant))", json: body)
                if client.json { return printJSON(reply.body) }
                print("Peer \(participant) at \(url).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the configured peers.")
        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await exitOnFailure {
                let reply = try await client.client().send(.GET, "/v1/peers")
                if client.json { return printJSON(reply.body) }
                printTable(["PEER", "URL"], try reply.decode(PeerListResource.self).peers.map { [$0.participant, $0.url] })
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop exchanging signals with a peer.")
        @OptionGroup var client: ClientOptions
        @Option(help: "The peer's participant id.") var participant: String

        func run() async throws {
            try await exitOnFailure {
                let reply = try await client.client().send(.DELETE, "/v1/peers/\(queryEscape(participant))")
                if client.json { return printJSON(reply.body) }
                print("Removed peer \(participant).")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Contact every peer now over mutual TLS and show what it answered.")
        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await exitOnFailure {
                let reply = try await client.client().send(.GET, "/v1/peers/status")
                if client.json { return printJSON(reply.body) }
                let peers = try reply.decode(PeerStatusListResource.self).peers
                let rows = peers.map { peer in
                    [
                        peer.participant, peer.url, peer.reachable ? "ok" : "unreachable",
                        peer.registryVersion.map(String.init) ?? "-", peer.lastContact ?? "-", peer.error ?? peer.lastError ?? "",
                    ]
                }
                printTable(["PEER", "URL", "STATE", "REGISTRY", "LAST CONTACT", "ERROR"], rows)
                let scopes = peers.flatMap { peer in peer.scopes.map { [peer.participant, $0.scope, String($0.lag), $0.lastPull ?? "-"] } }
                if !scopes.isEmpty {
                    print("")
                    printTable(["PEER", "SCOPE", "LAG (EVENTS)", "LAST PULL"], scopes)
                }
            }
        }
    }
}

struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry", abstract: "The program's signed participant registry in force on this node.",
        subcommands: [Load.self, Show.self])

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a newer signed registry in force (it must verify against the program CA).")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The signed registry file from 'lantern ca registry'.") var file: String

        func run() async throws {
            try await exitOnFailure {
                guard let data = FileManager.default.contents(atPath: file) else { throw ClientError(.failure, "Cannot read \(file).") }
                let reply = try await client.client().send(.PUT, "/v1/registry", json: data)
                if client.json { return printJSON(reply.body) }
                let body = try reply.decode([String: UInt64].self)
                print("Registry version \(body["registry_version"] ?? 0) is in force.")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the registry in force.")
        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await exitOnFailure {
                let reply = try await client.client().send(.GET, "/v1/registry")
                printJSON(reply.body)
            }
        }
    }
}

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Pull from every peer now (or one), verify what arrives, and report what changed.")
    @OptionGroup var client: ClientOptions
    @Option(help: "Only this peer.") var peer: String?

    func run() async throws {
        try await exitOnFailure {
            let path = "/v1/sync" + (peer.map { "?peer=\(queryEscape($0))" } ?? "")
            let reply = try await client.client().send(.POST, path, timeout: .minutes(30))
            if client.json { return printJSON(reply.body) }
            let reports = try reply.decode(SyncReportList.self).peers
            printTable(
                ["PEER", "BATCHES", "STORED", "REMOVED", "RETRACTED", "REFUSED", "ERROR"],
                reports.map {
                    [
                        $0.peer, String($0.batches), String($0.stored), String($0.removed), String($0.retracted), String($0.refused.count),
                        $0.error ?? "",
                    ]
                })
            for report in reports {
                if let epoch = report.newEpoch {
                    printError(
                        "\(report.peer) holds events of this node's own chains that this node lost (a power loss?): it started epoch \(epoch), "
                            + "and its peers take its chains again.")
                }
                for reason in report.refused { printError("\(report.peer): refused: \(reason)") }
            }
            if reports.contains(where: { $0.error != nil }) { throw ExitCode(ClientError.Code.failure.rawValue) }
        }
    }
}
