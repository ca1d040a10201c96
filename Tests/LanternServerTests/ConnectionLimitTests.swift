import Foundation
import Hummingbird
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Logging
import NIOCore
import NIOPosix
import Testing

/// A stranger holding sockets open, or trickling a request, against a real server: it is cut off by the limits in
/// `config.json`, and everyone else is served meanwhile. The peer endpoint is built the same way
/// (`GuardedServer`); `WireAttackTests` tries it over TLS.
@Suite struct ConnectionLimitTests {
    typealias Connection = NIOAsyncChannel<ByteBuffer, ByteBuffer>

    static func connect(to port: Int, from source: String = "127.0.0.1") async throws -> Connection {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(to: try SocketAddress(ipAddress: source, port: 0))
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try Connection(wrappingChannelSynchronously: channel) }
            }
    }

    /// Whether the server closed `connection` within `limit`, writing `trickle` a byte at a time meanwhile. Its inbound
    /// ending, or failing (a reset), means the server closed it; so does finding it closed already.
    static func closedByServer(
        _ connection: Connection, within limit: Duration, trickle: [UInt8] = [], every pause: Duration = .milliseconds(200)
    ) async throws -> Bool {
        do {
            return try await connection.executeThenClose { inbound, outbound in
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    group.addTask {
                        do { for try await _ in inbound {} } catch {}
                        return true
                    }
                    group.addTask {
                        for byte in trickle {
                            try? await outbound.write(ByteBuffer(bytes: [byte]))
                            try await Task.sleep(for: pause)
                        }
                        try await Task.sleep(for: limit)
                        return false
                    }
                    defer { group.cancelAll() }
                    return try await group.next() ?? false
                }
            }
        } catch ChannelError.alreadyClosed {
            return true
        }
    }

    /// The answer's status line to one request on a new connection from `source`.
    static func statusLine(port: Int, from source: String, request: String) async throws -> String {
        let connection = try await connect(to: port, from: source)
        return try await connection.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: request))
            var received = ""
            for try await buffer in inbound {
                received += String(buffer: buffer)
                if let line = received.split(separator: "\r\n").first, received.contains("\r\n") { return String(line) }
            }
            return received
        }
    }

    /// A local API with `configuration`, running until the returned task is cancelled, and its port.
    static func serve(_ configuration: NodeConfiguration) async throws -> (harness: APIHarness, port: Int, server: Task<Void, any Error>) {
        let harness = try APIHarness(configuration: configuration)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = LocalAPI.makeApplication(
            service: harness.service, configuration: harness.configuration, logger: Logger(label: "test"),
            onServerRunning: { continuation.yield($0) })
        let server = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        return (harness, try #require(await iterator.next()), server)
    }

    static let health = "GET /v1/health HTTP/1.1\r\nHost: node\r\n\r\n"

    @Test func anAddressHoldsOnlyItsShareOfConnections() async throws {
        // A long idle timeout, so that only the cap can close a connection within the test's windows.
        let (_, port, server) = try await Self.serve(NodeConfiguration(apiPort: 0, idleTimeoutSeconds: 600, connectionsPerAddress: 4))
        defer { server.cancel() }
        // 127.0.0.1 opens its four connections and says nothing; a fifth is closed as it opens.
        var silent: [Connection] = []
        for _ in 0..<4 { silent.append(try await Self.connect(to: port)) }
        #expect(try await Self.closedByServer(try await Self.connect(to: port), within: .seconds(10)))
        // Meanwhile another address is served.
        #expect(try await Self.statusLine(port: port, from: "127.0.0.2", request: Self.health) == "HTTP/1.1 200 OK")
        // Once the stranger lets go, its address is served again.
        for connection in silent { try await connection.channel.close() }
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await Self.statusLine(port: port, from: "127.0.0.1", request: Self.health) == "HTTP/1.1 200 OK")
    }

    @Test func silentAndTricklingConnectionsAreCutOff() async throws {
        let (harness, port, server) = try await Self.serve(
            NodeConfiguration(apiPort: 0, idleTimeoutSeconds: 2, bodyGraceSeconds: 1, minimumBodyBytesPerSecond: 1024))
        defer { server.cancel() }
        // Without the limits none of these would ever be closed by the server; the windows are ten times the limits.
        #expect(try await Self.closedByServer(try await Self.connect(to: port), within: .seconds(20)))
        let slowHead = try await Self.connect(to: port)
        #expect(try await Self.closedByServer(slowHead, within: .seconds(20), trickle: Array("GET /v1/health HTTP/1.1\r\n".utf8)))
        let slowBody = try await Self.connect(to: port)
        let head =
            "POST /v1/signals HTTP/1.1\r\nHost: node\r\nAuthorization: Bearer \(harness.admin)\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n"
        try await slowBody.channel.writeAndFlush(ByteBuffer(string: head))
        #expect(try await Self.closedByServer(slowBody, within: .seconds(20), trickle: Array(repeating: UInt8(ascii: " "), count: 40)))
        #expect(try harness.store.signals.count() == 0)
        // An honest request on a new connection is answered.
        #expect(try await Self.statusLine(port: port, from: "127.0.0.1", request: Self.health) == "HTTP/1.1 200 OK")
    }
}
