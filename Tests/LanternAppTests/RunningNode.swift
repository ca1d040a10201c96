import Foundation
import LanternApp
import LanternClient
import LanternCore
import Logging
import NIOHTTP1
import ServiceLifecycle

/// A node running in this process, in a service group of its own, as `lantern serve` runs one.
struct RunningNode {
    let home: NodeHome
    let group: ServiceGroup
    let task: Task<Void, any Error>
    let endpoints: LanternNode.Endpoints
    let client: APIClient

    static func start(_ home: NodeHome) async throws -> RunningNode {
        var logger = Logger(label: "test-node")
        logger.logLevel = .warning
        let node = try LanternNode(home: home, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [node], logger: logger))
        let task = Task { try await group.run() }
        do {
            let endpoints = try await node.endpoints()
            return RunningNode(
                home: home, group: group, task: task, endpoints: endpoints, client: APIClient(baseURL: endpoints.api, token: try home.cliToken()))
        } catch {
            _ = try? await task.value
            throw error
        }
    }

    /// Stops the node as SIGTERM would, and waits until it has.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }

    /// The values of the live signals the node holds.
    func values() async throws -> Set<String> {
        struct Page: Decodable {
            struct Signal: Decodable { var value: String }
            var signals: [Signal]
        }
        let page = try await client.send(.GET, "/v1/signals?limit=1000").decode(Page.self)
        return Set(page.signals.map(\.value))
    }

    /// Creates a signal of this node for `audience` and returns its id.
    @discardableResult
    func addURL(_ value: String, audience: String = "all") async throws -> String {
        struct Created: Decodable { var id: String }
        let body: [String: Any] = [
            "type": "url", "value": value, "tags": ["csam"], "severity": "SEVERE", "review_status": "REVIEWED_MANUALLY", "audience": audience,
        ]
        let reply = try await client.send(.POST, "/v1/signals", json: try JSONSerialization.data(withJSONObject: body))
        return try reply.decode(Created.self).id
    }
}
