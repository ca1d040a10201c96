public import Crypto
import Foundation
public import LanternCore
public import LanternStore
public import LanternSync

/// Moves chains between stores in one process the way `SyncService` moves them between nodes: the receiver takes
/// every chain the sender holds that it may hold, from where it stands, verifying each batch against the origin's
/// key before applying it. A sender signs its own chains and relays others' as their origins signed them.
public struct ChainPump {
    public var keys: [ParticipantID: P256.Signing.PrivateKey]
    public var directory: ParticipantDirectory

    public init(participants: [ParticipantID], directory: ParticipantDirectory = Fixtures.directory) {
        keys = Dictionary(uniqueKeysWithValues: participants.map { ($0, P256.Signing.PrivateKey()) })
        self.directory = directory
    }

    /// A batch of `origin`'s chain as `sender` would serve it.
    public func batch(from sender: NodeStore, origin: ParticipantID, scope: Scope, after: UInt64, limit: Int = 5000) throws -> ChainBatch? {
        try message(from: sender, origin: origin, scope: scope, after: after, limit: limit)?.batch
    }

    /// The whole message `sender` would serve, removal heads included.
    public func message(
        from sender: NodeStore, origin: ParticipantID, scope: Scope, after: UInt64, limit: Int = 5000
    ) throws
        -> ChainBatchMessage?
    {
        if try sender.directory.localParticipantID() == origin {
            let events = try sender.chains.events(origin: origin, scope: scope, after: after, limit: limit)
            guard let last = events.last, let key = keys[origin] else { return nil }
            let removalHeads = try events.filter { $0.kind == .remove }.map { try ChainHead.sign($0, with: key) }
            return ChainBatchMessage(
                batch: ChainBatch(events: events, head: try ChainHead.sign(last, with: key)), originCertificate: "certificate of \(origin)",
                removalHeads: removalHeads)
        }
        return try sender.chains.relayBatch(origin: origin, scope: scope, after: after, limit: limit).map {
            ChainBatchMessage(
                batch: ChainBatch(events: $0.events, head: $0.head), originCertificate: $0.originCertificate, removalHeads: $0.removalHeads)
        }
    }

    /// A restored node learns back, from `peer`, the removals it made after its backup, as `SyncService` does.
    @discardableResult
    public func relearn(_ restored: NodeStore, from peer: NodeStore) throws -> Int {
        let me = try restored.directory.localParticipantID()
        guard let key = keys[me] else { return 0 }
        return try restored.chains.relearnRemovals(
            try peer.chains.removalProofs(of: me, limit: 1_000_000).filter { $0.isValid(signedBy: key.publicKey) })
    }

    /// Publishes the sender's pending changes, then pulls what `receiver` may hold. - Returns: every outcome.
    @discardableResult
    public func pull(from sender: NodeStore, to store: NodeStore, as receiver: Participant, limit: Int = 5000) throws -> [ChainVerifier.Outcome] {
        try sender.chains.build()
        let verifier = ChainVerifier(receiver: receiver, directory: directory)
        var outcomes: [ChainVerifier.Outcome] = []
        for (origin, scope, offered) in try sender.chains.positions() where origin != receiver.id && scope.isEntitled(receiver, origin: origin) {
            guard let key = keys[origin] else { continue }
            while true {
                let have = try store.chains.position(origin: origin, scope: scope)
                let after = have?.epoch == offered.epoch ? have?.seq ?? 0 : 0
                guard let message = try message(from: sender, origin: origin, scope: scope, after: after, limit: limit) else { break }
                let outcome = verifier.verify(
                    message.batch, have: have, newestEpoch: try store.chains.newestEpoch(of: origin), originKey: key.publicKey)
                outcomes.append(outcome)
                guard case .apply(let fresh, let position, let newEpoch) = outcome else { break }
                try store.chains.applyBatch(
                    origin: origin, scope: scope, events: fresh, head: message.batch.head, position: position, newEpoch: newEpoch,
                    originCertificate: "certificate of \(origin)", removalProofs: message.removalProofs(among: fresh, key: key.publicKey))
            }
        }
        return outcomes
    }
}
