import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

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
            throw CLIError(
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
            throw CLIError(.unauthorized, "No API token: pass --token, set LANTERN_TOKEN, or run in a home made by 'lantern init'.")
        }
        return APIClient(baseURL: base.hasSuffix("/") ? String(base.dropLast()) : base, token: secret)
    }
}

/// A small JSON client for the node's local API.
struct APIClient: Sendable {
    let baseURL: String
    let token: String

    struct Reply {
        var status: Int
        var body: Data

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            do { return try JSONDecoder().decode(type, from: body) } catch {
                throw CLIError(.failure, "The node's reply could not be read: \(error)")
            }
        }
    }

    /// Sends a request and returns the reply; an error status becomes a `CLIError` with the node's message.
    func send(
        _ method: HTTPMethod, _ path: String, json body: Data? = nil, stream: HTTPClientRequest.Body? = nil, timeout: TimeAmount = .seconds(60),
        accepting accepted: Set<Int> = []
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        } else if let stream {
            request.headers.add(name: "Content-Type", value: "application/x-ndjson")
            request.body = stream
        }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: timeout)
        } catch {
            throw CLIError(.failure, "Could not reach the node at \(baseURL): \(error). Is 'lantern serve' running?")
        }
        let buffer = try await response.body.collect(upTo: 256 * 1024 * 1024)
        let reply = Reply(status: Int(response.status.code), body: Data(buffer: buffer))
        guard reply.status < 400 || accepted.contains(reply.status) else { throw Self.error(from: reply) }
        return reply
    }

    static func error(from reply: Reply) -> CLIError {
        struct ErrorBody: Decodable {
            struct Detail: Decodable {
                var field: String?
                var message: String
            }
            var error: Detail
        }
        let text: String
        if let body = try? JSONDecoder().decode(ErrorBody.self, from: reply.body) {
            text = body.error.field.map { "\($0): \(body.error.message)" } ?? body.error.message
        } else {
            text = "The node answered with status \(reply.status)."
        }
        switch reply.status {
        case 400, 409, 413, 422: return CLIError(.refused, text)
        case 401, 403: return CLIError(.unauthorized, text)
        case 404, 410: return CLIError(.notFound, text)
        default: return CLIError(.failure, text)
        }
    }
}

/// Percent-encodes a query parameter value.
func queryEscape(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}
