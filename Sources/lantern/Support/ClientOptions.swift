import ArgumentParser
import Foundation
import LanternApp
import LanternClient

/// Options of commands that talk to a running node.
struct ClientOptions: ParsableArguments {
    @OptionGroup var home: HomeOptions

    @Option(name: .customLong("api-url"), help: "The node's local API URL (default: read from the home directory of the running node).")
    var url: String?

    @Option(help: "An API token (default: $LANTERN_TOKEN, or the home directory's cli.token).")
    var token: String?

    @Flag(help: "Print machine-readable JSON.")
    var json = false

    func client() throws -> APIClient {
        let nodeHome = home.nodeHome
        let base: String
        if let url {
            base = url
        } else if let data = try? Data(contentsOf: nodeHome.runtimeFile),
            let object = try? JSONDecoder().decode([String: String].self, from: data), let url = object["url"]
        {
            base = url
        } else {
            throw ClientError(
                .failure, "No running node found for \(nodeHome.path): start one with 'lantern serve --home \(nodeHome.path)', or pass --api-url.")
        }
        let secret: String
        if let token {
            secret = token
        } else if let env = ProcessInfo.processInfo.environment["LANTERN_TOKEN"], !env.isEmpty {
            secret = env
        } else if let data = try? Data(contentsOf: nodeHome.tokenFile) {
            secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            throw ClientError(.unauthorized, "No API token: pass --token, set LANTERN_TOKEN, or run in a home made by 'lantern init'.")
        }
        return APIClient(baseURL: base.hasSuffix("/") ? String(base.dropLast()) : base, token: secret)
    }
}
