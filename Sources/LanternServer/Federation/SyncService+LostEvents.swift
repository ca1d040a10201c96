import Crypto
import Foundation
import LanternCore
import LanternStore
import LanternSync

extension SyncService {
    /// Once per peer after this node starts: asks the peer for the newest heads it holds of this node's own chains.
    /// A head this node signed that its own chains no longer reach means it lost events it had published (a power
    /// loss took the last commits): it starts a new epoch, so no sequence number is given twice with different
    /// content, and learns its removals back as a restored node does. Only heads this node's key signed count, so
    /// no peer can make it start one. A peer that cannot answer is asked again at the next pull.
    func checkForLostEvents(from peer: ParticipantID, url: String, into report: inout Report) async {
        guard !headsChecked.withLock({ $0.contains(peer) }), let key = P256.Signing.PublicKey(state.credentials.certificate.publicKey),
            let data = try? await client.send(.GET, peer, url, "/peer/v1/heads"),
            let message = try? JSONDecoder().decode(ChainHeadsMessage.self, from: data)
        else { return }
        let me = state.credentials.identity.participant
        let lost = message.heads.filter { $0.origin == me && $0.isSigned(by: key) && (try? state.store.hasLostEvents(shownBy: $0)) == true }
        if let newest = lost.map(\.epoch).max() {
            do {
                try state.store.startNewEpoch(after: newest)
                report.newEpoch = try state.store.currentEpoch()
                state.metrics.lostEvents()
                // The removals made in the lost events are learnt back from every peer, this one included.
                relearned.withLock { $0.removeAll() }
            } catch {
                return
            }
        }
        headsChecked.withLock { _ = $0.insert(peer) }
    }
}
