import AsyncHTTPClient
public import Foundation
public import LanternCore
import LanternPKI
public import LanternSync
import NIOCore
public import NIOHTTP1
import NIOSSL
import Synchronization

/// Calls other nodes' peer endpoints over mutual TLS: HTTP/1.1, TLS 1.3, the program CA as the only trust root.
///
/// Whatever address a peer is configured at, the client asks for the peer's participant name
/// (`ParticipantIdentity.peerHostName`) and dials the configured address for it, so host-name verification proves
/// the certificate answering is the configured participant's and no other holder of a program certificate's. Each
/// peer has a client (and connection pool) of its own, so a slow peer never holds a connection another needs.
public final class PeerClient: Sendable {
    let tls: TLSConfiguration
    let configuration: Configuration
    private let clients = Mutex<[ParticipantID: (url: String, client: HTTPClient)]>([:])

    /// How long a peer may take. Defaults suit batches of up to 10,000 events on a slow link.
    public struct Configuration: Sendable {
        /// To set up TCP and TLS.
        public var connect: Duration
        /// Between two reads of an answer.
        public var read: Duration
        /// For a whole exchange, the answer's body included: a peer that trickles bytes is cut off here.
        public var deadline: Duration
        /// The largest answer read.
        public var maxAnswerBytes: Int

        public init(
            connect: Duration = .seconds(5), read: Duration = .seconds(30), deadline: Duration = .seconds(120), maxAnswerBytes: Int = 64 << 20
        ) {
            self.connect = connect
            self.read = read
            self.deadline = deadline
            self.maxAnswerBytes = maxAnswerBytes
        }
    }

    public init(credentials: FederationCredentials, configuration: Configuration = Configuration()) throws {
        tls = try credentials.clientTLSConfiguration()
        self.configuration = configuration
    }

    public func shutdown() async throws {
        let all = clients.withLock { clients in
            defer { clients.removeAll() }
            return clients.values.map(\.client)
        }
        for client in all { try await client.shutdown() }
    }

    /// The client for `peer` at `url`, and the base address to request: the peer's name and the configured port.
    func route(_ peer: ParticipantID, _ url: String) throws -> (client: HTTPClient, base: String) {
        guard let parsed = URL(string: url), parsed.scheme == "https", let host = parsed.host, let port = parsed.port else {
            throw FederationError("The peer URL \(url) is not https://HOST:PORT.")
        }
        let name = ParticipantIdentity.peerHostName(of: peer)
        let (client, replaced) = clients.withLock { clients -> (HTTPClient, HTTPClient?) in
            if let existing = clients[peer], existing.url == url { return (existing.client, nil) }
            var settings = HTTPClient.Configuration(tlsConfiguration: tls)
            settings.httpVersion = .http1Only
            // A refused handshake fails at once with its real reason instead of being retried until a timeout.
            settings.connectionPool.retryConnectionEstablishment = false
            settings.timeout = .init(connect: .init(configuration.connect), read: .init(configuration.read))
            settings.dnsOverride = [name: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host]
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
            let replaced = clients[peer]?.client
            clients[peer] = (url, client)
            return (client, replaced)
        }
        if let replaced { Task { try? await replaced.shutdown() } }
        return (client, "https://\(name):\(port)")
    }

    /// Calls `GET /peer/v1/hello` on `peer` and checks the answer names it.
    public func hello(_ peer: ParticipantID, at url: String, deadline: Duration? = nil) async throws -> HelloMessage {
        let data = try await send(.GET, peer, url, "/peer/v1/hello", deadline: deadline)
        let hello = try JSONDecoder().decode(HelloMessage.self, from: data)
        guard hello.participant == peer.rawValue else {
            throw FederationError("The node at \(url) says it is participant \(hello.participant), not \(peer).")
        }
        return hello
    }

    /// Sends a request and returns the body of a 2xx answer; anything else throws with the peer's message.
    public func send(
        _ method: HTTPMethod, _ peer: ParticipantID, _ url: String, _ path: String, body: Data? = nil, deadline: Duration? = nil
    ) async throws -> Data {
        Data(try await exchange(method, peer, url, path, body: body, deadline: deadline).body)
    }

    /// Fetches one batch of a chain, in the binary frame when the peer serves it, else as JSON.
    public func batch(_ peer: ParticipantID, _ url: String, _ path: String) async throws -> ChainBatchMessage {
        let answer = try await exchange(.GET, peer, url, path, accept: ChainBatchFrame.mediaType + ", application/json")
        if answer.contentType?.hasPrefix(ChainBatchFrame.mediaType) == true {
            do { return try ChainBatchFrame.decode(answer.body) } catch {
                throw FederationError("The batch from \(url) is not a valid frame: \(error)")
            }
        }
        return try JSONDecoder().decode(ChainBatchMessage.self, from: Data(answer.body))
    }

    func exchange(
        _ method: HTTPMethod, _ peer: ParticipantID, _ url: String, _ path: String, body: Data? = nil, accept: String? = nil,
        deadline: Duration? = nil
    ) async throws -> (body: [UInt8], contentType: String?) {
        let deadline = deadline ?? configuration.deadline
        let (client, base) = try route(peer, url)
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let accept { request.headers.add(name: "Accept", value: accept) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let limit = configuration.maxAnswerBytes
        let prepared = request
        // One deadline for the whole exchange, body included: AsyncHTTPClient's own ends with the head.
        let (status, headers, bytes) = try await Deadline.run(within: deadline, what: "The peer at \(url) did not answer within \(deadline).") {
            let response = try await client.execute(prepared, timeout: .init(deadline))
            var buffer = try await response.body.collect(upTo: limit)
            return (response.status, response.headers, buffer.readBytes(length: buffer.readableBytes) ?? [])
        }
        guard (200..<300).contains(status.code) else {
            struct ErrorBody: Decodable {
                struct Detail: Decodable { var message: String }
                var error: Detail
            }
            // The peer's own words, kept short and printable: they end up in logs and in `peer status`.
            let said = (try? JSONDecoder().decode(ErrorBody.self, from: Data(bytes)))?.error.message
            let message = said.map {
                String(String.UnicodeScalarView($0.unicodeScalars.filter { $0.properties.generalCategory != .control }.prefix(300)))
            }
            throw FederationError("The peer at \(url) refused (status \(status.code)): \(message ?? "no reason given")")
        }
        return (bytes, headers.first(name: "Content-Type"))
    }
}

/// Runs an operation with a deadline: past it, the operation is cancelled and `what` is thrown at once, whether or
/// not the operation has noticed its cancellation yet, so no peer can hold the caller longer.
enum Deadline {
    static func run<T: Sendable>(within limit: Duration, what: String, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let race = Race<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.start(
                    continuation,
                    work: Task { race.finish(await Result(catching: { try await operation() })) },
                    timer: Task {
                        try? await Task.sleep(for: limit)
                        race.finish(.failure(FederationError(what)))
                    })
            }
        } onCancel: {
            race.finish(.failure(CancellationError()))
        }
    }

    /// Whichever ends first, the work, the timer or the caller's cancellation, resumes the caller and cancels the rest.
    final class Race<T: Sendable>: Sendable {
        private let state = Mutex<(continuation: CheckedContinuation<T, any Error>?, tasks: [Task<Void, Never>], early: Result<T, any Error>?)>(
            (nil, [], nil))

        func start(_ continuation: CheckedContinuation<T, any Error>, work: Task<Void, Never>, timer: Task<Void, Never>) {
            let early = state.withLock { state -> Result<T, any Error>? in
                state.tasks = [work, timer]
                guard let early = state.early else {
                    state.continuation = continuation
                    return nil
                }
                return early
            }
            if let early {
                work.cancel()
                timer.cancel()
                continuation.resume(with: early)
            }
        }

        func finish(_ result: Result<T, any Error>) {
            let (continuation, tasks) = state.withLock { state -> (CheckedContinuation<T, any Error>?, [Task<Void, Never>]) in
                guard let continuation = state.continuation else {
                    if state.tasks.isEmpty, state.early == nil { state.early = result }
                    return (nil, [])
                }
                state.continuation = nil
                return (continuation, state.tasks)
            }
            guard let continuation else { return }
            for task in tasks { task.cancel() }
            continuation.resume(with: result)
        }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
