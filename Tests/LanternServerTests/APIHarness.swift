import Foundation
import Hummingbird
import HummingbirdTesting
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import NIOFoundationCompat

/// A node's local API over a temporary store, exercised through Hummingbird's router test client.
struct APIHarness {
    let directory: TemporaryDirectory
    let store: NodeStore
    let service: SignalService
    let admin: String
    let integration: String
    let configuration: NodeConfiguration

    init(
        as participant: Participant = Fixtures.alpha,
        configuration: NodeConfiguration = NodeConfiguration(maxBodyBytes: 64 * 1024, maxBatchItems: 50),
        clock: (@Sendable () -> Date)? = nil
    ) throws {
        directory = try TemporaryDirectory()
        store = try Fixtures.store(in: directory, as: participant)
        if let clock {
            service = try SignalService(store: store, clock: clock)
        } else {
            service = try SignalService(store: store)
        }
        admin = try store.tokens.create(name: "admin", role: .admin, now: Date()).secret
        integration = try store.tokens.create(name: "integration", role: .integration, now: Date()).secret
        self.configuration = configuration
    }

    struct Reply: Sendable {
        var status: HTTPResponse.Status
        var body: Data
        var headers: HTTPFields = [:]

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var error: [String: Any] { json["error"] as? [String: Any] ?? [:] }
        var errorField: String? { error["field"] as? String }
        var errorMessage: String { error["message"] as? String ?? "" }
    }

    /// Runs `body` against a fresh router application.
    func run(_ body: @Sendable (Client) async throws -> Void) async throws {
        let app = Application(router: LocalAPI.makeRouter(service: service, configuration: configuration))
        try await app.test(.router) { client in try await body(Client(client: client, token: integration)) }
    }

    struct Client: Sendable {
        let client: any TestClientProtocol
        let token: String?

        func with(token: String?) -> Client { Client(client: client, token: token) }

        func send(
            _ method: HTTPRequest.Method, _ uri: String, json: Any? = nil, raw: Data? = nil, contentType: String = "application/json"
        ) async throws -> Reply {
            var headers: HTTPFields = [:]
            if let token { headers[.authorization] = "Bearer \(token)" }
            var buffer: ByteBuffer?
            if let json {
                buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
                headers[.contentType] = contentType
            } else if let raw {
                buffer = ByteBuffer(bytes: raw)
                headers[.contentType] = contentType
            }
            let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: buffer)
            return Reply(status: response.status, body: Data(buffer: response.body), headers: response.headers)
        }
    }
}

/// JSON bodies of valid signals.
enum Bodies {
    static func url(_ value: String = "https://example.com/a", audience: Any = "all") -> [String: Any] {
        ["type": "url", "value": value, "tags": ["csam"], "severity": "SEVERE", "review_status": "REVIEWED_MANUALLY", "audience": audience]
    }

    static func financial() -> [String: Any] {
        [
            "type": "payment_account", "value": "$handle", "provider": "cashapp", "tags": ["sextortion", "financial_transaction"],
            "severity": "SEVERE", "review_status": "REVIEWED_MANUALLY", "audience": "financial",
            "transaction": ["date": "2026-10-01", "amount": 250, "currency": "USD", "provider": "cashapp"],
        ]
    }
}
