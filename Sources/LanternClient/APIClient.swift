public import AsyncHTTPClient
public import Foundation
import LanternAPI
public import NIOCore
import NIOFoundationCompat
public import NIOHTTP1

/// A small JSON client for the node's local API.
public struct APIClient: Sendable {
    public let baseURL: String
    public let token: String

    public init(baseURL: String, token: String) {
        self.baseURL = baseURL
        self.token = token
    }

    public struct Reply: Sendable {
        public var status: Int
        public var body: Data

        public func decode<T: Decodable>(_ type: T.Type) throws -> T {
            do { return try JSONDecoder().decode(type, from: body) } catch {
                throw ClientError(.failure, "The node's reply could not be read: \(error)")
            }
        }
    }

    /// Sends a request and returns the reply; an error status becomes a `ClientError` with the node's message.
    @discardableResult
    public func send(
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
            throw ClientError(.failure, "Could not reach the node at \(baseURL): \(error). Is 'lantern serve' running?")
        }
        let buffer = try await response.body.collect(upTo: 256 * 1024 * 1024)
        let reply = Reply(status: Int(response.status.code), body: Data(buffer: buffer))
        guard reply.status < 400 || accepted.contains(reply.status) else { throw Self.error(from: reply) }
        return reply
    }

    public static func error(from reply: Reply) -> ClientError {
        let text: String
        if let body = try? JSONDecoder().decode(ErrorResource.self, from: reply.body) {
            text = body.error.field.map { "\($0): \(body.error.message)" } ?? body.error.message
        } else {
            text = "The node answered with status \(reply.status)."
        }
        switch reply.status {
        case 400, 409, 413, 422: return ClientError(.refused, text)
        case 401, 403: return ClientError(.unauthorized, text)
        case 404, 410: return ClientError(.notFound, text)
        default: return ClientError(.failure, text)
        }
    }
}

/// Percent-encodes a query parameter value.
public func queryEscape(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}
