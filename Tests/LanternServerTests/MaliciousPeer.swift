import Foundation
import Hummingbird
import HummingbirdTLS
import LanternPKI
import LanternSync
import NIOCore
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
    }

    final class ScriptBox: Sendable {
        let current = Mutex<Script?>(nil)
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
            guard let list = script.current.withLock({ $0?.list }) else { return Response(status: .notFound) }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(list))))
        }
        router.get("peer/v1/chains/events") { _, _ in
            guard let current = script.current.withLock({ $0 }) else { return Response(status: .notFound) }
            return Response(
                status: .ok, headers: [.contentType: current.contentType ?? "application/json"], body: .init(byteBuffer: current.events()))
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
