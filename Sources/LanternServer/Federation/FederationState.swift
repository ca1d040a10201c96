import Foundation
public import LanternCore
public import LanternPKI
public import LanternStore
public import LanternSync
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
        if let stored = try store.federation.registry() {
            registry = try SignedRegistry(payload: stored.payload, signature: stored.signature).verified(by: credentials.caCertificate)
        }
        let peers = Dictionary(try store.federation.peers().map { ($0.participant, $0.url) }, uniquingKeysWith: { $1 })
        current = Mutex((registry, peers))
    }

    public var registry: ParticipantRegistry? { current.withLock { $0.registry } }
    public var peers: [ParticipantID: String] { current.withLock { $0.peers } }

    /// Where this node stands in every chain it holds, its own and received.
    public func chainPositions() throws -> [(origin: ParticipantID, scope: Scope, position: ChainPosition)] {
        try store.chains.positions()
    }

    /// The registry documents `caller` may have: for a tech participant, the full registry and the financial
    /// institutions' views (so it can pass them on); for an institution, its own view only.
    public func registryBundle(for caller: Participant) throws -> RegistryBundle? {
        func signed(_ stored: StoredRegistry) -> SignedRegistry { SignedRegistry(payload: stored.payload, signature: stored.signature) }
        let views = try store.federation.registryViews()
        if caller.role == .financial {
            if credentials.identity.role == .financial { return nil }
            return views[caller.id].map { RegistryBundle(registries: [signed($0)]) }
        }
        // A financial institution's node holds only its own view, which is not for others.
        guard credentials.identity.role == .tech, let full = try store.federation.registry() else { return nil }
        return RegistryBundle(registries: [signed(full)] + views.sorted { $0.key < $1.key }.map { signed($0.value) })
    }

    /// Puts a newer registry in force: verified against the program CA, stored with the participant list it
    /// implies (and, on a tech node, the financial institutions' views), and used from the next handshake and
    /// request on. - Returns: the registry now in force.
    @discardableResult
    public func load(_ bundle: RegistryBundle) throws -> ParticipantRegistry {
        try loading.withLock { _ in
            // The version in force again, carrying views this tech node lacks: the views are taken.
            let contents = bundle.contents(caCertificate: credentials.caCertificate)
            if let registry, credentials.identity.role == .tech, contents.fullVersions.contains(registry.version) {
                let views = contents.views[registry.version] ?? [:]
                try store.federation.saveRegistryViews(
                    views.mapValues { StoredRegistry(version: registry.version, payload: $0.payload, signature: $0.signature) })
                return registry
            }
            let offered = try bundle.replacing(registry, caCertificate: credentials.caCertificate, for: credentials.identity)
            func stored(_ signed: SignedRegistry, version: UInt64) -> StoredRegistry {
                StoredRegistry(version: version, payload: signed.payload, signature: signed.signature)
            }
            try store.federation.saveRegistry(
                stored(offered.signed, version: offered.registry.version), participants: offered.registry.participants,
                views: offered.views.mapValues { stored($0, version: offered.registry.version) }, now: Date())
            current.withLock { $0.registry = offered.registry }
            try service.reloadParticipants()
            return offered.registry
        }
    }

    @discardableResult
    public func load(_ signed: SignedRegistry) throws -> ParticipantRegistry { try load(RegistryBundle(registries: [signed])) }

    /// Whether `bundle` would give this node anything: a newer registry, or on a tech node views of the version in
    /// force that it lacks or holds older. Read only, so a pull that finds nothing new writes nothing.
    public func wants(_ bundle: RegistryBundle) -> Bool {
        let contents = bundle.contents(caCertificate: credentials.caCertificate)
        guard let registry else { return contents.highestVersion > 0 }
        if contents.highestVersion > registry.version { return true }
        guard credentials.identity.role == .tech, contents.fullVersions.contains(registry.version) else { return false }
        let held = (try? store.federation.registryViews()) ?? [:]
        return (contents.views[registry.version] ?? [:]).keys.contains { (held[$0]?.version ?? 0) < registry.version }
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
        try store.federation.savePeer(participant, url: url, now: Date())
        current.withLock { $0.peers[participant] = url }
    }

    public func removePeer(_ participant: ParticipantID) throws -> Bool {
        let removed = try store.federation.removePeer(participant)
        current.withLock { _ = $0.peers.removeValue(forKey: participant) }
        return removed
    }
}
