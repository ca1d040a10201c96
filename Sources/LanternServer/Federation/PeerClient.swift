import AsyncHTTPClient
import Foundation
import LanternCore
import LanternSync
import NIOCore
import NIOHTTP1

/// Calls other nodes' peer endpoints over mutual TLS: HTTP/1.1, TLS 1.3, the program CA as the only trust root,
/// and the peer's host name or address checked against its certificate.
public final class PeerClient: Sendable {
    let client: HTTPClient

    public init(credentials: FederationCredentials) throws {
        var configuration = HTTPClient.Configuration(tlsConfiguration: try credentials.clientTLSConfiguration())
        configuration.httpVersion = .http1Only
        // A refused handshake fails at once with its real reason instead of being retried until a timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(60))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// What a peer says about itself.
    public struct Hello: Codable, Sendable, Equatable {
        public var participant: String
        public var role: String
        public var registryVersion: UInt64?
        public var peer: String

        enum CodingKeys: String, CodingKey {
            case participant, role, peer
            case registryVersion = "registry_version"
        }
    }

    /// Calls `GET /peer/v1/hello` and checks the answer comes from `expected`.
    public func hello(_ url: String, expected: ParticipantID) async throws -> Hello {
        let data = try await send(.GET, url + "/peer/v1/hello")
        let hello = try JSONDecoder().decode(Hello.self, from: data)
        guard hello.participant == expected.rawValue else {
            throw FederationError("The node at \(url) is participant \(hello.participant), not \(expected).")
        }
        return hello
    }

    /// Sends a request and returns the body of a 2xx answer; anything else throws with the peer's message.
    public func send(_ method: HTTPMethod, _ url: String, body: Data? = nil) async throws -> Data {
        Data(try await exchange(method, url, body: body).body)
    }

    /// Fetches one batch of a chain, in the binary frame when the peer serves it, else as JSON.
    public func batch(_ url: String) async throws -> ChainBatchMessage {
        let answer = try await exchange(.GET, url, accept: ChainBatchFrame.mediaType + ", application/json")
        if answer.contentType?.hasPrefix(ChainBatchFrame.mediaType) == true {
            do { return try ChainBatchFrame.decode(answer.body) } catch {
                throw FederationError("The batch from \(url) is not a valid frame: \(error)")
            }
        }
        return try JSONDecoder().decode(ChainBatchMessage.self, from: Data(answer.body))
    }

    func exchange(
        _ method: HTTPMethod, _ url: String, body: Data? = nil, accept: String? = nil
    ) async throws -> (body: [UInt8], contentType: String?) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let accept { request.headers.add(name: "Accept", value: accept) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(request, timeout: .seconds(60))
        var buffer = try await response.body.collect(upTo: 64 * 1024 * 1024)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        guard (200..<300).contains(response.status.code) else {
            struct ErrorBody: Decodable {
                struct Detail: Decodable { var message: String }
                var error: Detail
            }
            let message = (try? JSONDecoder().decode(ErrorBody.self, from: Data(bytes)))?.error.message ?? "status \(response.status.code)"
            throw FederationError("The peer at \(url) refused: \(message)")
        }
        return (bytes, response.headers.first(name: "Content-Type"))
    }
}
