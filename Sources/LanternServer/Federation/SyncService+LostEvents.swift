import Crypto
import Foundation
import LanternAPI
import LanternCore
import LanternPKI
import LanternStore
import LanternSync
import NIOHTTP1
import Synchronization
import X509

extension SyncService {
    /// The most chains of its own a node checks a peer's heads of: far more scopes than any node publishes to.
    static let maxOwnChains = 4096

    /// Once per peer after this node starts: asks the peer for the newest heads it holds of this node's own chains.
    /// A head this node signed that its own chains no longer reach means it lost events it had published (a power
    /// loss took the last commits): it starts a new epoch, so no sequence number is given twice with different
    /// content, and learns its removals back as a restored node does. Only heads this node's key signed count, so
    /// no peer can make it start one. A peer that cannot answer is asked again at the next pull.
    func checkForLostEvents(from peer: ParticipantID, url: String, into report: inout SyncReport) async {
        guard !headsChecked.withLock({ $0.contains(peer) }), let key = P256.Signing.PublicKey(state.credentials.certificate.publicKey),
            let data = try? await client.send(.GET, peer, url, "/peer/v1/heads"),
            let message = try? JSONDecoder().decode(ChainHeadsMessage.self, from: data)
        else { return }
        let me = state.credentials.identity.participant
        // One head per chain, the furthest, and a bounded number of chains: a peer cannot make this node verify
        // signatures without end.
        var furthest: [String: ChainHead] = [:]
        for head in message.heads where head.origin == me && head.seq >= furthest[head.scope]?.seq ?? 0 { furthest[head.scope] = head }
        let heads = furthest.values.prefix(Self.maxOwnChains).filter { $0.isSigned(by: key) }
        // Checked and started under one lock: two peers showing the same loss at once start one epoch, not two.
        let started = lostEvents.withLock { _ -> Result<String?, any Error> in
            Result {
                let lost = try heads.filter { try state.store.chains.hasLostEvents(shownBy: $0) }
                guard let newest = lost.map(\.epoch).max() else { return nil }
                try state.store.chains.startNewEpoch(after: newest)
                return try state.store.chains.currentEpoch()
            }
        }
        guard case .success(let epoch) = started else { return }
        if let epoch {
            report.newEpoch = epoch
            state.metrics.lostEvents()
            // The removals made in the lost events are learnt back from every peer, this one included.
            relearned.withLock { $0.removeAll() }
        }
        headsChecked.withLock { _ = $0.insert(peer) }
    }
}
