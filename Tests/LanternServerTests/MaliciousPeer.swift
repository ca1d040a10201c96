import Foundation
import Hummingbird
import HummingbirdTLS
import LanternPKI
import LanternSync
import NIOCore
import NIOFoundationCompat
import NIOSSL
import Synchronization

/// A peer endpoint that holds a valid program certificate but answers whatever a test scripts: the misbehaving
/// relay or participant of the attack catalogue, on a real TLS 1.3 socket.
final class MaliciousPeer: Sendable {
    /// What the next `GET /peer/v1/chains` and `GET /peer/v1/chains/events` answer.
    struct Script: Sendable {
        var list: ChainListMessage
        var events: @Sendable () -> ByteBuffer
        /// The content type of the events answer: JSON unless set.
        var contentType: String?
        /// Bytes to answer the chain list with instead of `list` (for lists no honest encoder writes).
        var rawList: [UInt8]? = nil
        /// When set, every answer is sent one byte at a time with this pause between bytes.
        var trickle: Duration? = nil
    }

    final class ScriptBox: Sendable {
        let current = Mutex<Script?>(nil)
        /// The bodies of every acknowledgement posted to this peer.
        let acks = Mutex<[ChainListMessage]>([])
        /// What `GET /peer/v1/heads` answers.
        let heads = Mutex<[ChainHead]>([])
        /// How many notifications arrived; each is held unanswered for a minute.
        let notifications = Mutex(0)
    }

    private let script = ScriptBox()
    private let task: Task<Void, any Error>
    let url: String

    init(certificate: CertificateAuthority.IssuedCertificate) async throws {
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(try certificate.certificatePEM.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(certificate.privateKeyPEM.utf8), format: .pem)))
        tls.minimumTLSVersion = .tlsv13
        let router = Router()
        let script = self.script
        router.get("peer/v1/chains") { _, _ in
            guard let current = script.current.withLock({ $0 }) else { return Response(status: .notFound) }
            let bytes = try current.rawList ?? Array(JSONEncoder().encode(current.list))
            return Response(status: .ok, body: Self.body(ByteBuffer(bytes: bytes), trickle: current.trickle))
        }
        router.get("peer/v1/chains/events") { _, _ in
            guard let current = script.current.withLock({ $0 }) else { return Response(status: .notFound) }
            return Response(
                status: .ok, headers: [.contentType: current.contentType ?? "application/json"],
                body: Self.body(current.events(), trickle: current.trickle))
        }
        router.get("peer/v1/heads") { _, _ in
            Response(
                status: .ok,
                body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(ChainHeadsMessage(heads: script.heads.withLock { $0 })))))
        }
        router.post("peer/v1/notify") { _, _ in
            script.notifications.withLock { $0 += 1 }
            try await Task.sleep(for: .seconds(60))
            return Response(status: .accepted)
        }
        router.get("peer/v1/removals") { _, _ in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(RemovalProofsMessage(proofs: [])))))
        }
        router.post("peer/v1/acks") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            let acks = try JSONDecoder().decode(ChainListMessage.self, from: Data(buffer: body))
            script.acks.withLock { $0.append(acks) }
            return Response(status: .noContent)
        }
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, server: try .tls(.http1(), tlsConfiguration: tls),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        task = Task { try await app.runService() }
        var ports = stream.makeAsyncIterator()
        url = "https://127.0.0.1:\(await ports.next() ?? 0)"
    }

    func answer(list: ChainListMessage, contentType: String? = nil, events: @escaping @Sendable () -> ByteBuffer) {
        script.current.withLock { $0 = Script(list: list, events: events, contentType: contentType) }
    }

    /// Answers the chain list with these bytes, whatever they are.
    func answer(rawList: [UInt8]) {
        script.current.withLock { $0 = Script(list: ChainListMessage(chains: []), events: { ByteBuffer() }, rawList: rawList) }
    }

    /// Answers `GET /peer/v1/heads` with these heads, whoever signed them.
    func show(heads: [ChainHead]) { script.heads.withLock { $0 = heads } }

    /// From now on, sends every answer a byte at a time, `pause` apart.
    func trickle(every pause: Duration) { script.current.withLock { $0?.trickle = pause } }

    /// How many notifications reached this peer.
    var notifications: Int { script.notifications.withLock { $0 } }

    /// Every acknowledgement posted so far.
    var acknowledgements: [ChainListMessage] { script.acks.withLock { $0 } }

    static func body(_ buffer: ByteBuffer, trickle: Duration?) -> ResponseBody {
        guard let trickle else { return .init(byteBuffer: buffer) }
        return ResponseBody { writer in
            for byte in buffer.readableBytesView {
                try await writer.write(ByteBuffer(bytes: [byte]))
                try await Task.sleep(for: trickle)
            }
            try await writer.finish(nil)
        }
    }

    /// Answers with one batch message, in the binary frame (as LanternNode serves it) or as JSON.
    func answer(_ message: ChainBatchMessage, listing entry: ChainListMessage.Entry, asJSON: Bool = false) throws {
        if asJSON {
            let body = try JSONEncoder().encode(message)
            answer(list: ChainListMessage(chains: [entry])) { ByteBuffer(bytes: body) }
        } else {
            let body = try ChainBatchFrame.encode(message)
            answer(list: ChainListMessage(chains: [entry]), contentType: ChainBatchFrame.mediaType) { ByteBuffer(bytes: body) }
        }
    }

    func stop() { task.cancel() }
}
