import Foundation
import Hummingbird
import LanternAPI
import LanternCore
import LanternPKI
import LanternStore
import LanternSync
import NIOFoundationCompat

/// `/v1/registry` and `/v1/peers` on the local API: loading the program registry and configuring peers.
struct FederationRoutes {
    let state: FederationState?
    let client: PeerClient?
    let sync: SyncService?

    func register(on group: RouterGroup<APIRequestContext>) {
        group.get("registry", use: showRegistry)
        group.put("registry", use: loadRegistry)
        group.get("peers", use: listPeers)
        group.put("peers/:participant", use: savePeer)
        group.delete("peers/:participant", use: removePeer)
        group.get("peers/status", use: status)
        group.post("sync", use: syncNow)
    }

    func federation() throws -> FederationState {
        guard let state else {
            throw APIError(
                .conflict, code: "not_federated",
                message: "This node has no certificate: initialise it with 'lantern init --certs DIR' to join the federation.")
        }
        return state
    }

    @Sendable func showRegistry(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readers)
        guard let registry = try federation().registry else {
            throw APIError.notFound("No participant registry is loaded.")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(registry))))
    }

    @Sendable func loadRegistry(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.admins)
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        do {
            let registry = try federation().load(try RegistryBundle.decode(Data(buffer: body)))
            return try Response.json(["registry_version": registry.version])
        } catch let error as PKIError {
            throw APIError(.unprocessableContent, code: "registry_refused", message: error.description)
        } catch let error as FederationError {
            throw APIError(.unprocessableContent, code: "registry_refused", message: error.description)
        }
    }

    @Sendable func listPeers(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readers)
        let peers = try federation().peers.sorted { $0.key < $1.key }.map { PeerResource(participant: $0.key.rawValue, url: $0.value) }
        return try Response.json(PeerListResource(peers: peers))
    }

    @Sendable func savePeer(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.admins)
        let id = try Self.participant(context)
        let body = try await JSONBody.decode(PeerBody.self, from: request, context: context)
        do { try federation().addPeer(id, url: body.url) } catch let error as FederationError {
            throw APIError(.unprocessableContent, code: "peer_refused", field: "url", message: error.description)
        }
        return try Response.json(PeerResource(participant: id.rawValue, url: body.url))
    }

    @Sendable func removePeer(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.admins)
        let id = try Self.participant(context)
        guard try federation().removePeer(id) else { throw APIError.notFound("Participant \(id) is not a configured peer.") }
        return try Response.json(["removed": id.rawValue])
    }

    /// How long `peers/status` waits for a peer's hello: a peer that does not answer by then is shown unreachable.
    static let statusDeadline: Duration = .seconds(5)

    /// Calls every peer now, all at once, and reports whether it answered over mutual TLS within
    /// `statusDeadline`, with the last contact, the last error and, per scope, the lag in events at the last pull.
    @Sendable func status(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readers)
        let state = try federation()
        guard let client else { throw APIError(.conflict, code: "not_federated", message: "This node has no peer client.") }
        let answers = await withTaskGroup(of: (ParticipantID, Result<HelloMessage, any Error>).self) { group in
            for (participant, url) in state.peers {
                group.addTask {
                    do { return (participant, .success(try await client.hello(participant, at: url, deadline: Self.statusDeadline))) } catch {
                        return (participant, .failure(error))
                    }
                }
            }
            var answers: [ParticipantID: Result<HelloMessage, any Error>] = [:]
            for await (participant, answer) in group { answers[participant] = answer }
            return answers
        }
        let positions = try state.chainPositions()
        var results: [PeerStatusResource] = []
        for (participant, url) in state.peers.sorted(by: { $0.key < $1.key }) {
            var status = PeerStatusResource(participant: participant.rawValue, url: url, reachable: false, scopes: [])
            switch answers[participant] {
            case .success(let hello):
                status.reachable = true
                status.registryVersion = hello.registryVersion
                state.activity.contact(participant)
            case .failure(let error): status.error = "\(error)"
            case nil: status.error = "The peer was added while its status was asked for."
            }
            let seen = state.activity.snapshot()[participant]
            status.lastContact = seen?.lastContact.map(Timestamp.format)
            status.lastError = seen?.lastError
            status.lastErrorAt = seen?.lastErrorAt.map(Timestamp.format)
            let lags = state.activity.lag(of: participant, holding: positions)
            status.scopes = (seen?.scopes ?? [:]).sorted { $0.key < $1.key }.map { scope, scoped in
                PeerStatusResource.ScopeStatus(scope: scope, lag: lags[scope] ?? 0, lastPull: scoped.lastPull.map(Timestamp.format))
            }
            results.append(status)
        }
        return try Response.json(["peers": results])
    }

    /// Pulls from every peer now (or from `?peer=ID`) and reports what each pull did.
    @Sendable func syncNow(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.writers)
        _ = try federation()
        guard let sync else { throw APIError(.conflict, code: "not_federated", message: "This node has no sync service.") }
        var only: ParticipantID?
        if let text = try QueryReader(request, known: ["peer"]).string("peer") {
            guard let id = ParticipantID(text) else { throw APIError.badRequest(field: "peer", ParticipantID.rule) }
            guard try federation().peers[id] != nil else { throw APIError.notFound("Participant \(id) is not a configured peer.") }
            only = id
        }
        return try Response.json(SyncReportList(peers: await sync.pullAll(only: only)))
    }

    static func participant(_ context: APIRequestContext) throws -> ParticipantID {
        let raw = context.parameters.get("participant") ?? ""
        guard let id = ParticipantID(raw) else { throw APIError.badRequest(field: "participant", ParticipantID.rule) }
        return id
    }
}
