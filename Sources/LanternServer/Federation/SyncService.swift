import Crypto
import Foundation
public import LanternAPI
public import LanternCore
import LanternPKI
import LanternStore
import LanternSync
public import Logging
import NIOHTTP1
public import ServiceLifecycle
import SwiftASN1
import Synchronization
import X509

/// Pulls peers' chains: asks each peer which chains it holds for this node, fetches what is missing from where this
/// node stands, verifies every batch (origin certificate against the registry, then `ChainVerifier`) and applies
/// it with its new position in one transaction. Two pulls from the same peer never run at once.
public final class SyncService: Sendable {
    let state: FederationState
    let client: PeerClient
    private let running = Mutex<Set<ParticipantID>>([])
    /// Peers that announced new events while a pull from them was running: that pull goes round again.
    private let again = Mutex<Set<ParticipantID>>([])
    /// Peers a notification is under way to, and whether another was asked for meanwhile.
    private let notifying = Mutex<[ParticipantID: Bool]>([:])
    /// How long a notification may take: it carries nothing, so a peer that is slow to take it is simply skipped.
    let notificationDeadline: Duration = .seconds(5)
    /// Peers this restored node has already learnt its removals back from.
    let relearned = Mutex<Set<ParticipantID>>([])
    /// Peers that have shown this node, since it started, the heads they hold of its own chains.
    let headsChecked = Mutex<Set<ParticipantID>>([])
    /// Held while this node checks for events of its own it lost, and starts a new epoch if it did.
    let lostEvents = Mutex(())
    private let slots: PullSlots

    /// - Parameter concurrentPulls: how many pulls may run at once, across all peers.
    public init(state: FederationState, client: PeerClient, concurrentPulls: Int = 16) {
        self.state = state
        self.client = client
        self.slots = PullSlots(concurrentPulls)
    }

    /// Tells every peer (but `skipped`) that this node holds new events, so they pull now, and returns at once: a
    /// slow peer delays nobody. One notification per peer is under way at a time; asking again meanwhile sends one
    /// more when it ends. Failures are left to the periodic pull, which catches up whatever a notification missed.
    public func notifyPeers(except skipped: ParticipantID? = nil) {
        for (peer, url) in state.peers where peer != skipped {
            let start = notifying.withLock { notifying -> Bool in
                guard notifying[peer] == nil else {
                    notifying[peer] = true
                    return false
                }
                notifying[peer] = false
                return true
            }
            guard start else { continue }
            Task {
                repeat {
                    _ = try? await client.send(.POST, peer, url, "/peer/v1/notify", deadline: notificationDeadline)
                } while notifying.withLock { notifying -> Bool in
                    if notifying[peer] == true {
                        notifying[peer] = false
                        return true
                    }
                    notifying[peer] = nil
                    return false
                }
            }
        }
    }

    /// Pulls from every configured peer at once, or from one: a peer that answers slowly delays only its own pull.
    public func pullAll(only: ParticipantID? = nil) async -> [SyncReport] {
        await withTaskGroup(of: SyncReport.self) { group in
            for (peer, url) in state.peers where only == nil || only == peer {
                group.addTask { await self.pull(from: peer, url: url) }
            }
            var reports: [SyncReport] = []
            for await report in group { reports.append(report) }
            return reports.sorted { $0.peer < $1.peer }
        }
    }

    /// Pulls from one peer. Pulls from the same peer never overlap: an explicit or periodic pull waits for the
    /// running one; a notification (`waitIfRunning: false`) instead makes the running pull go round again.
    public func pull(from peer: ParticipantID, url: String, waitIfRunning: Bool = true) async -> SyncReport {
        var report = SyncReport(peer: peer.rawValue)
        while !claim(peer, orAskAgain: !waitIfRunning) {
            guard waitIfRunning else { return report }
            try? await Task.sleep(for: .milliseconds(20))
        }
        await slots.acquire()
        defer { Task { await slots.release() } }
        repeat {
            again.withLock { _ = $0.remove(peer) }
            do {
                try await pullChains(from: peer, url: url, into: &report)
            } catch {
                _ = running.withLock { $0.remove(peer) }
                report.error = "\(error)"
                state.activity.failed(peer, "\(error)")
                return report
            }
        } while !releaseUnlessAskedAgain(peer)
        // What arrived may be news to the other peers too: they pull it from here, so events travel hop by hop
        // without waiting for anyone's periodic pull.
        if report.batches > 0 { notifyPeers(except: peer) }
        return report
    }

    /// Takes the peer's pull, or, when another pull from it is running and `orAskAgain`, asks that one to go round
    /// again. One lock covers both, so a request can never fall between a pull's last round and its end.
    private func claim(_ peer: ParticipantID, orAskAgain: Bool) -> Bool {
        running.withLock { running in
            if running.insert(peer).inserted { return true }
            if orAskAgain { again.withLock { _ = $0.insert(peer) } }
            return false
        }
    }

    /// Ends the peer's pull unless a notification asked for another round meanwhile. - Returns: whether it ended.
    private func releaseUnlessAskedAgain(_ peer: ParticipantID) -> Bool {
        running.withLock { running in
            guard !again.withLock({ $0.contains(peer) }) else { return false }
            running.remove(peer)
            return true
        }
    }

    private func pullChains(from peer: ParticipantID, url: String, into report: inout SyncReport) async throws {
        await refreshRegistry(from: peer, url: url)
        guard let registry = state.registry, let me = registry.entry(state.credentials.identity.participant) else {
            throw FederationError("This node has no registry in force that lists it.")
        }
        // A revoked participant leaves the registry: nothing is taken from it any more, whatever it relays.
        guard let peerEntry = registry.entry(peer) else {
            throw FederationError("Participant \(peer) is not in registry version \(registry.version); nothing is pulled from it.")
        }
        await checkForLostEvents(from: peer, url: url, into: &report)
        try await relearnRemovals(from: peer, url: url)
        let list = try JSONDecoder().decode(ChainListMessage.self, from: try await client.send(.GET, peer, url, "/peer/v1/chains"))
        state.activity.contact(peer)
        state.activity.offered(peer, list.chains)
        defer { recordLag(of: peer) }
        for entry in list.chains where entry.origin != me.id {
            guard let scope = Scope(entry.scope) else { continue }
            var have = try state.store.chains.position(origin: entry.origin, scope: scope)
            let offered = ChainPosition(epoch: entry.epoch, seq: entry.seq, hash: entry.hash)
            guard var machine = ChainPullStateMachine(offered: offered, have: have) else { continue }
            let scopeQuery = entry.scope.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let client = client
            var fetching: Task<ChainBatchMessage, any Error>?
            // Received, in order; each batch's bodies are decoded while the one before it is applied.
            var received: [(message: ChainBatchMessage, decoding: Task<PreparedBatch, Never>)] = []
            var failure: (any Error)?
            // A fetch still under way when the pull ends (an error, a refusal, shutdown) is cancelled; a batch's
            // decoding, already under way, finishes on its own.
            defer { fetching?.cancel() }
            pulling: while true {
                switch machine.next() {
                case .fetch(let after):
                    let path = "/peer/v1/chains/events?origin=\(entry.origin.rawValue)&scope=\(scopeQuery)&after=\(after)"
                    fetching = Task { try await client.batch(peer, url, path) }
                case .awaitFetch:
                    if !machine.holdsReceivedBatch { try Task.checkCancellation() }
                    guard let current = fetching else { break pulling }
                    do {
                        let message = try await current.value
                        fetching = nil
                        received.append((message, Task { PreparedBatch(message.batch) }))
                        machine.fetched(head: message.batch.head)
                    } catch {
                        fetching = nil
                        failure = error
                        machine.fetchFailed()
                    }
                case .apply:
                    let (message, decoding) = received.removeFirst()
                    let position = try await apply(
                        message, prepared: await decoding.value, origin: entry.origin, scope: scope, have: have, me: me,
                        registry: registry, peer: peer, report: &report)
                    if let position { have = position }
                    machine.applied(position)
                    // Freeing a batch (thousands of events and signals) would hold up the next one's write: another
                    // task does it.
                    Task.detached(priority: .utility) { _ = (message, decoding) }
                case .fail:
                    throw failure ?? FederationError("A request to \(peer) failed.")
                case .finish:
                    break pulling
                }
            }
        }
        try await acknowledge(list.chains, to: peerEntry, at: url)
    }

    /// Tells the peer where this node now stands in the chains it listed, so it can compact its chains once every
    /// entitled peer holds them. A peer that does not take acknowledgements yet is no reason to fail the pull.
    /// Only chains `peer` may receive are acknowledged: a peer that lists others' chains learns nothing from the
    /// answer about what this node holds of them.
    private func acknowledge(_ offered: [ChainListMessage.Entry], to peer: Participant, at url: String) async throws {
        let held = Dictionary(
            try state.store.chains.positions().map { ("\($0.origin)/\($0.scope)", $0.position) }, uniquingKeysWith: { $1 })
        let positions = offered.compactMap { entry -> ChainListMessage.Entry? in
            guard Scope(entry.scope)?.isEntitled(peer, origin: entry.origin) == true, let have = held["\(entry.origin)/\(entry.scope)"] else {
                return nil
            }
            return ChainListMessage.Entry(origin: entry.origin, scope: entry.scope, epoch: have.epoch, seq: have.seq, hash: have.hash)
        }
        guard !positions.isEmpty else { return }
        _ = try? await client.send(.POST, peer.id, url, "/peer/v1/acks", body: try JSONEncoder().encode(ChainListMessage(chains: positions)))
    }

    /// Verifies and applies one batch. - Returns: the new position, or nil when the batch was refused or held.
    private func apply(
        _ message: ChainBatchMessage, prepared: PreparedBatch, origin: ParticipantID, scope: Scope, have: ChainPosition?, me: Participant,
        registry: ParticipantRegistry, peer: ParticipantID, report: inout SyncReport
    ) async throws -> ChainPosition? {
        let metrics = state.metrics
        let certificate = try Certificate(pemEncoded: message.originCertificate)
        let verifier = PeerCertificateVerifier(caCertificate: state.credentials.caCertificate)
        guard case .success(let identity) = await verifier.verify(leaf: certificate, registry: registry), identity.participant == origin,
            let key = P256.Signing.PublicKey(certificate.publicKey)
        else {
            metrics.refused(.originCertificate)
            report.refused.append("The certificate sent for \(origin) does not verify against the registry.")
            return nil
        }
        let outcome = ChainVerifier(receiver: me, directory: registry.directory).verify(
            message.batch, have: have, newestEpoch: try state.store.chains.newestEpoch(of: origin), originKey: key, eventsIntact: prepared.intact)
        switch outcome {
        case .apply(let events, let position, let newEpoch):
            let summary: ChainApplySummary
            do {
                summary = try state.store.chains.applyBatch(
                    origin: origin, scope: scope, events: events, head: message.batch.head, position: position, newEpoch: newEpoch,
                    originCertificate: message.originCertificate, removalProofs: message.removalProofs(among: events, key: key),
                    decoded: prepared.signals)
            } catch let error as ChainBatchError {
                metrics.refused(.badBody)
                report.refused.append("\(origin)/\(scope): \(error)")
                return nil
            }
            if summary.notOwner > 0 {
                metrics.refused(.notOwner, count: summary.notOwner)
                report.refused.append("\(origin)/\(scope): \(summary.notOwner) events about signal ids \(origin) did not make were refused.")
            }
            if summary.notInPool > 0 {
                metrics.refused(.notInPool, count: summary.notInPool)
                report.refused.append(
                    "\(origin)/\(scope): \(summary.notInPool) signals were refused: \(origin) has not opted in to the financial pool.")
            }
            metrics.eventsReceived(events.count, scope: scope, from: peer)
            report.batches += 1
            report.stored += summary.stored
            report.removed += summary.removed
            report.retracted += summary.retracted
            return position
        case .alreadyHeld, .olderEpoch:
            return nil
        case .gap(let expected, let got):
            metrics.refused(.gap)
            report.refused.append("\(origin)/\(scope): expected event \(expected), got \(got).")
            return nil
        case .refused(let reason):
            metrics.refused(reason.kind.rawValue)
            report.refused.append("\(origin)/\(scope): \(reason)")
            return nil
        }
    }
}

extension SyncService {
    /// On a node restored from a backup: asks the peer, once, for the proofs of this node's own removals it holds,
    /// and removes again every signal they show was removed after the backup.
    func relearnRemovals(from peer: ParticipantID, url: String) async throws {
        guard !relearned.withLock({ $0.contains(peer) }), try state.store.chains.isRestoredEpoch(),
            let key = P256.Signing.PublicKey(state.credentials.certificate.publicKey)
        else { return }
        var after = ""
        while true {
            let query = after.isEmpty ? "" : "?after=" + after
            let page = try JSONDecoder().decode(RemovalProofsMessage.self, from: try await client.send(.GET, peer, url, "/peer/v1/removals" + query))
            try state.store.chains.relearnRemovals(page.proofs.filter { $0.isValid(signedBy: key) })
            guard let last = page.proofs.last?.event.signalID, page.proofs.count >= 1000 else { break }
            after = last
        }
        relearned.withLock { _ = $0.insert(peer) }
    }

    /// Takes a newer registry from a peer, if it has one, or the views of the one in force this node lacks: the
    /// registries travel with the sync, so a revocation reaches every node its peers reach. Anything not newer, not
    /// signed by the program CA, or not meant for this node is ignored.
    func refreshRegistry(from peer: ParticipantID, url: String) async {
        guard let data = try? await client.send(.GET, peer, url, "/peer/v1/registry"), let bundle = try? RegistryBundle.decode(data),
            state.wants(bundle)
        else { return }
        _ = try? state.load(bundle)
    }

    /// Sets the lag gauge of `peer`: the events its chain list offered at this pull that this node does not hold.
    func recordLag(of peer: ParticipantID) {
        guard let positions = try? state.store.chains.positions() else { return }
        state.metrics.lag(state.activity.totalLag(of: peer, holding: positions), peer: peer)
    }
}

/// Pulls from every peer on a fixed interval: the anti-entropy that catches whatever was missed.
public struct PeriodicSync: Service {
    let sync: SyncService
    let interval: Duration
    let logger: Logger

    public init(sync: SyncService, interval: Duration, logger: Logger) {
        self.sync = sync
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await Periodic.run(every: interval, waitFirst: true) {
            let reports = await sync.pullAll()
            for report in reports {
                guard let epoch = report.newEpoch else { continue }
                logger.error(
                    "A peer holds events of this node's own chains that this node lost (a power loss?): it started a new epoch",
                    metadata: ["peer": "\(report.peer)", "epoch": "\(epoch)"])
            }
            for report in reports where report.error != nil || !report.refused.isEmpty {
                logger.warning(
                    "A pull from a peer did not complete",
                    metadata: ["peer": "\(report.peer)", "error": "\(report.error ?? "")", "refused": "\(report.refused.count)"])
            }
        }
    }
}

/// What a receiver works out for a batch while the previous one is written: its signals, decoded and validated, and
/// whether every event's hash and body digest are right. Applying the batch then only checks what depends on where
/// the receiver stands.
struct PreparedBatch: Sendable {
    var signals: DecodedSignals
    var intact: Bool

    init(_ batch: ChainBatch) {
        signals = batch.decodedSignals()
        intact = batch.eventsAreIntact
    }
}
