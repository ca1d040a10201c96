import Foundation
public import Hummingbird
import HummingbirdTLS
import LanternCore
public import LanternPKI
import LanternStore
import LanternSync
public import Logging
import NIOCore
import NIOFoundationCompat
import NIOSSL
import ServiceLifecycle
import SwiftASN1
import Synchronization
import X509

/// The request context of the peer endpoint: the TLS channel, and the verified peer once checked.
public struct PeerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel
    public var peer: ParticipantIdentity?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
        peer = nil
    }

    public var maxUploadSize: Int { 16 * 1024 * 1024 }
}

/// The endpoint other nodes connect to: HTTPS/1.1 over TLS 1.3 with mutual authentication.
///
/// The handshake runs `PeerCertificateVerifier` against the registry in force (the callback replaces the TLS
/// library's own chain checks, so it does them all). Because a kept-alive connection or a resumed session skips
/// the handshake, every request is checked again against the current registry and peer list.
public enum PeerEndpoint {
    public static func makeApplication(
        state: FederationState, sync: SyncService? = nil, host: String, port: Int, limits: ConnectionLimits = ConnectionLimits(),
        logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let router = Router(context: PeerRequestContext.self)
        router.add(middleware: ErrorMappingMiddleware())
        router.add(middleware: PeerAuthMiddleware(state: state, inFlight: InFlightRequests(limit: limits.requestsPerPeer)))
        PeerRoutes(state: state, sync: sync).register(on: router.group("peer/v1"))
        let verifier = PeerCertificateVerifier(caCertificate: state.credentials.caCertificate)
        let tls = TLSChannelConfiguration(
            tlsConfiguration: try state.credentials.serverTLSConfiguration(),
            customAsyncVerificationCallback: { certificates in
                guard let registry = state.registry, let leaf = certificates.first,
                    let certificate = try? Certificate(derEncoded: leaf.toDERBytes())
                else {
                    state.metrics.handshakeFailed(certificates.isEmpty ? "no_certificate" : "untrusted")
                    return .failed
                }
                let intermediates = certificates.dropFirst().compactMap { try? Certificate(derEncoded: $0.toDERBytes()) }
                switch await verifier.verify(leaf: certificate, intermediates: intermediates, registry: registry) {
                case .success: return .certificateVerified
                case .failure(let refusal):
                    state.metrics.handshakeFailed(refusal.kind)
                    logger.notice("Refused a peer at the handshake", metadata: ["reason": "\(refusal.reason)"])
                    return .failed
                }
            })
        return Application(
            router: router,
            server: GuardedServer.http1(
                limits: limits, counter: ConnectionCounter(limits: limits), tls: tls, onRefused: { state.metrics.connectionRefused() }),
            configuration: .init(address: .hostname(host, port: port), serverName: "LanternNode-peer"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }
}

/// Checks, on every request, that the peer's certificate is still acceptable under the current registry and that
/// its participant is a configured peer.
struct PeerAuthMiddleware: RouterMiddleware {
    typealias Context = PeerRequestContext
    let state: FederationState
    let inFlight: InFlightRequests

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let presented = try? await context.channel.nioSSL_peerCertificate().get(),
            let certificate = try? Certificate(derEncoded: presented.toDERBytes())
        else { throw APIError(.unauthorized, code: "no_certificate", message: "The peer presented no certificate.") }
        guard let registry = state.registry else {
            throw APIError(.serviceUnavailable, code: "no_registry", message: "This node has no participant registry loaded.")
        }
        let verifier = PeerCertificateVerifier(caCertificate: state.credentials.caCertificate)
        let identity: ParticipantIdentity
        switch await verifier.verify(leaf: certificate, registry: registry) {
        case .success(let verified): identity = verified
        case .failure(let refusal):
            state.metrics.refused(.certificate)
            throw APIError(.forbidden, code: "certificate_refused", message: refusal.reason)
        }
        guard state.peers[identity.participant] != nil else {
            state.metrics.refused(.notAPeer)
            throw APIError(.forbidden, code: "not_a_peer", message: "Participant \(identity.participant) is not configured as a peer of this node.")
        }
        state.activity.contact(identity.participant)
        guard inFlight.enter(identity.participant) else {
            state.metrics.refused(.busy)
            var error = APIError(
                .tooManyRequests, code: "too_many_requests",
                message: "Participant \(identity.participant) has \(inFlight.limit) requests under way here; try again when one ends.")
            error.extraHeaders[.retryAfter] = "1"
            throw error
        }
        defer { inFlight.leave(identity.participant) }
        var context = context
        context.peer = identity
        return try await next(request, context)
    }
}

/// Requests under way per peer: one participant cannot take every worker of the node, however many connections
/// it opens.
final class InFlightRequests: Sendable {
    let limit: Int
    private let counts = Mutex<[ParticipantID: Int]>([:])

    init(limit: Int) { self.limit = limit }

    func enter(_ peer: ParticipantID) -> Bool {
        counts.withLock { counts in
            guard counts[peer, default: 0] < limit else { return false }
            counts[peer, default: 0] += 1
            return true
        }
    }

    func leave(_ peer: ParticipantID) {
        counts.withLock { counts in
            let left = counts[peer, default: 1] - 1
            counts[peer] = left > 0 ? left : nil
        }
    }
}

/// `/peer/v1`: what peers ask of each other.
struct PeerRoutes {
    let state: FederationState
    let sync: SyncService?
    /// The most removal heads one batch of this node's own chain carries (each is a signature made per request).
    static let maxRemovalHeads = 100

    func register(on group: RouterGroup<PeerRequestContext>) {
        group.get("hello") { _, context in
            let identity = state.credentials.identity
            return try Response.json(
                HelloMessage(
                    participant: identity.participant.rawValue, role: identity.role.rawValue,
                    registryVersion: state.registry?.version, peer: context.peer?.participant.rawValue ?? ""))
        }
        // The registry documents the caller may have: a financial institution gets only its own view.
        group.get("registry") { _, context in
            guard let bundle = try state.registryBundle(for: try state.entitledCaller(context.peer)) else {
                throw APIError(.notFound, code: "no_registry", message: "This node holds no participant registry for the caller.")
            }
            return try Response.json(bundle)
        }
        // A peer says it published something: pull from it now instead of waiting for the next periodic pull.
        group.post("notify") { _, context in
            guard let caller = context.peer?.participant, let url = state.peers[caller], let sync else {
                return Response(status: .accepted)
            }
            Task { _ = await sync.pull(from: caller, url: url, waitIfRunning: false) }
            return Response(status: .accepted)
        }
        group.get("chains") { _, context in
            let caller = try state.entitledCaller(context.peer)
            // Publishes what is pending first, so the list is current; a read finds whether anything is, so calls
            // that find nothing (nearly all) open no write transaction.
            if try state.store.chains.unpublishedChanges() > 0 { try state.store.chains.build() }
            // This node's own chains and those it relays: every chain held that the caller may receive, except
            // the caller's own.
            let entries = try state.store.chains.positions()
                .filter { $0.origin != caller.id && $0.position.seq > 0 && $0.scope.isEntitled(caller, origin: $0.origin) }
                .map {
                    ChainListMessage.Entry(
                        origin: $0.origin, scope: $0.scope.description, epoch: $0.position.epoch, seq: $0.position.seq, hash: $0.position.hash)
                }
            return try Response.json(ChainListMessage(chains: entries))
        }
        group.get("chains/events") { request, context in
            let caller = try state.entitledCaller(context.peer)
            let parameters = request.uri.queryParameters
            guard let scope = parameters["scope"].flatMap({ Scope(String($0)) }) else {
                throw APIError.badRequest(
                    field: "scope", "A scope is 'all', 'financial', 'allow:' and participant ids, or 'reactions:' and a participant id.")
            }
            guard let origin = parameters["origin"].flatMap({ ParticipantID(String($0)) }) else {
                throw APIError.badRequest(field: "origin", "The origin is a participant id.")
            }
            // Checked when sending, and the receiver checks again.
            guard scope.isEntitled(caller, origin: origin) else {
                state.metrics.refused(.notEntitled)
                throw APIError.forbidden("Participant \(caller.id) is not entitled to scope \(scope) of \(origin).")
            }
            let after = parameters["after"].flatMap { UInt64(String($0)) } ?? 0
            guard after <= UInt64(Int64.max - 20_000) else {
                throw APIError.badRequest(field: "after", "'after' is a sequence number below 2^63 - 20000.")
            }
            let limit = min(max(parameters["limit"].flatMap { Int(String($0)) } ?? 5000, 1), 10_000)
            if origin == state.credentials.identity.participant {
                var events = try state.store.chains.events(origin: origin, scope: scope, after: after, limit: limit)
                // Each removal costs a signature: a batch ends at its `maxRemovalHeads`-th, so one request's cost is
                // bounded whatever the chain holds. The caller asks again from there.
                if let cut = events.indices.filter({ events[$0].kind == .remove }).dropFirst(PeerRoutes.maxRemovalHeads - 1).first {
                    events.removeSubrange((cut + 1)...)
                }
                guard let last = events.last else { throw APIError.notFound("No events after \(after).") }
                // A head at each removal too: every receiver keeps a proof of it.
                let removalHeads = try events.filter { $0.kind == .remove }.map { try state.credentials.signHead($0) }
                let message = ChainBatchMessage(
                    batch: ChainBatch(events: events, head: try state.credentials.signHead(last)),
                    originCertificate: state.credentials.certificatePEMText, removalHeads: removalHeads.isEmpty ? nil : removalHeads)
                state.metrics.eventsSent(events.count, scope: scope, to: caller.id)
                return try Self.batchResponse(message, to: request)
            }
            // Another origin's chain, relayed as the origin signed it.
            guard let relayed = try state.store.chains.relayBatch(origin: origin, scope: scope, after: after, limit: limit) else {
                throw APIError.notFound("This node holds no events of \(origin)/\(scope) after \(after).")
            }
            let message = ChainBatchMessage(
                batch: ChainBatch(events: relayed.events, head: relayed.head), originCertificate: relayed.originCertificate,
                removalHeads: relayed.removalHeads.isEmpty ? nil : relayed.removalHeads)
            state.metrics.eventsSent(relayed.events.count, scope: scope, to: caller.id)
            return try Self.batchResponse(message, to: request)
        }
        // The proofs of the caller's own removals this node holds: how an origin restored from an older backup
        // learns back what it had removed. Nobody gets the proofs of another participant's removals.
        group.get("removals") { request, context in
            let caller = try state.entitledCaller(context.peer)
            let after = request.uri.queryParameters["after"].map(String.init) ?? ""
            return try Response.json(RemovalProofsMessage(proofs: try state.store.chains.removalProofs(of: caller.id, after: after)))
        }
        // The newest heads this node holds of the caller's own chains, as the caller signed them: how an origin finds
        // out that it lost events it had published. Nobody is shown the heads of another participant's chains here.
        group.get("heads") { _, context in
            let caller = try state.entitledCaller(context.peer)
            return try Response.json(ChainHeadsMessage(heads: try state.store.chains.newestHeads(of: caller.id)))
        }
        // Where the caller stands in the chains this node served it: its acknowledgement, which lets this node
        // compact its chains once every entitled peer holds them.
        group.post("acks") { request, context in
            let caller = try state.entitledCaller(context.peer)
            var request = request
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            guard let positions = try? JSONDecoder().decode(ChainListMessage.self, from: Data(buffer: buffer)) else {
                throw APIError.badRequest(field: "chains", "The body is a chain list: origin, scope, epoch, seq and hash per chain.")
            }
            try state.store.federation.recordAcknowledgements(
                positions.chains.filter { Scope($0.scope)?.isEntitled(caller, origin: $0.origin) == true }, from: caller.id)
            return Response(status: .noContent)
        }
        group.post("registry") { request, context in
            var request = request
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            do {
                let registry = try state.load(try RegistryBundle.decode(Data(buffer: buffer)))
                return try Response.json(["registry_version": registry.version])
            } catch let error as PKIError {
                throw APIError(.unprocessableContent, code: "registry_refused", message: error.description)
            } catch let error as FederationError {
                throw APIError(.unprocessableContent, code: "registry_refused", message: error.description)
            }
        }
    }

    /// A batch in the binary frame when the caller accepts it (every LanternNode does), else as JSON.
    static func batchResponse(_ message: ChainBatchMessage, to request: Request) throws -> Response {
        guard request.headers[values: .accept].contains(where: { $0.contains(ChainBatchFrame.mediaType) }) else {
            return try Response.json(message)
        }
        return Response(
            status: .ok, headers: [.contentType: ChainBatchFrame.mediaType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try ChainBatchFrame.encode(message))))
    }
}
