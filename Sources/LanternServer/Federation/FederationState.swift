import Foundation
import LanternCore
import LanternPKI
import LanternStore
import Synchronization

/// What the federation side of a node reads on every handshake and request: the registry in force and the
/// configured peers. Both can change while the node runs.
public final class FederationState: Sendable {
    public let credentials: FederationCredentials
    let store: NodeStore
    let service: SignalService
    public let metrics: FederationMetrics
    public let activity = PeerActivity()
    private let current: Mutex<(registry: ParticipantRegistry?, peers: [ParticipantID: String])>
    /// Serialises registry loads, so the registry in memory is always the newest one stored.
    private let loading = Mutex(())

    public init(credentials: FederationCredentials, store: NodeStore, service: SignalService, metrics: FederationMetrics = FederationMetrics()) throws
    {
        self.credentials = credentials
        self.metrics = metrics
        self.store = store
        self.service = service
        var registry: ParticipantRegistry?
        if let stored = try store.registry() {
            registry = try SignedRegistry(payload: stored.payload, signature: stored.signature).verified(by: credentials.caCertificate)
        }
        let peers = Dictionary(try store.peers().map { ($0.participant, $0.url) }, uniquingKeysWith: { $1 })
        current = Mutex((registry, peers))
    }

    public var registry: ParticipantRegistry? { current.withLock { $0.registry } }
    public var peers: [ParticipantID: String] { current.withLock { $0.peers } }

    /// The registry as signed, for peers that ask.
    public func signedRegistry() throws -> SignedRegistry? {
        try store.registry().map { SignedRegistry(payload: $0.payload, signature: $0.signature) }
    }

    /// Puts a newer registry in force: verified against the program CA, stored with the participant list it
    /// implies, and used from the next handshake and request on.
    /// - Returns: the registry now in force.
    @discardableResult
    public func load(_ signed: SignedRegistry) throws -> ParticipantRegistry {
        try loading.withLock { _ in try loadLocked(signed) }
    }

    private func loadLocked(_ signed: SignedRegistry) throws -> ParticipantRegistry {
        let offered = try signed.replacing(registry, caCertificate: credentials.caCertificate, for: credentials.identity)
        try store.saveRegistry(
            StoredRegistry(version: offered.version, payload: signed.payload, signature: signed.signature),
            participants: offered.participants, now: Date())
        current.withLock { $0.registry = offered }
        try service.reloadParticipants()
        return offered
    }

    /// The registry's entry for a verified caller, which decides what it may receive.
    func entitledCaller(_ identity: ParticipantIdentity?) throws -> Participant {
        guard let identity, let entry = registry?.entry(identity.participant) else {
            throw APIError.forbidden("The caller is not in the registry in force.")
        }
        return entry
    }

    /// Adds or changes a peer. The participant must be in the registry and may not be this node.
    public func addPeer(_ participant: ParticipantID, url: String) throws {
        guard participant != credentials.identity.participant else { throw FederationError("A node is not its own peer.") }
        guard let registry, registry.entry(participant) != nil else {
            throw FederationError("Participant \(participant) is not in the registry in force; load a registry that lists it first.")
        }
        guard let parsed = URL(string: url), parsed.scheme == "https", parsed.host != nil, parsed.port != nil else {
            throw FederationError("A peer URL is https://HOST:PORT, such as https://127.0.0.12:7400.")
        }
        try store.savePeer(participant, url: url, now: Date())
        current.withLock { $0.peers[participant] = url }
    }

    public func removePeer(_ participant: ParticipantID) throws -> Bool {
        let removed = try store.removePeer(participant)
        current.withLock { _ = $0.peers.removeValue(forKey: participant) }
        return removed
    }
}
