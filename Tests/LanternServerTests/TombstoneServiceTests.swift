import Foundation
import LanternCore
import LanternPKI
import LanternServer
import LanternStore
import LanternSync
import LanternTesting
import Logging
import Testing

/// The background collector compacts this node's chains once every peer entitled to them acknowledged them.
@Suite struct TombstoneServiceTests {
    @Test func everyEntitledPeerMustAcknowledgeBeforeACompaction() throws {
        let ca = try CertificateAuthority.create()
        let issued = try ca.issue(identity: ParticipantIdentity(participant: Fixtures.alpha.id, role: .tech))
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory, as: Fixtures.alpha)
        let validator = Fixtures.validator()
        try store.signals.addLocal(
            try (1...3).map { n in
                try validator.validateNew(
                    Fixtures.urlDraft("https://s\(n).example/"), id: Fixtures.signalID(UInt64(n)), author: Fixtures.alpha.id, now: Fixtures.now)
            })
        try store.chains.build()
        _ = try store.signals.remove(Fixtures.signalID(1), reason: .enteredInError, now: Fixtures.now)
        _ = try store.signals.remove(Fixtures.signalID(2), reason: .enteredInError, now: Fixtures.now)
        try store.chains.build()
        let credentials = try FederationCredentials(
            certificatePEM: issued.certificatePEM, privateKeyPEM: issued.privateKeyPEM, caPEM: try ca.certificatePEM)
        let state = try FederationState(credentials: credentials, store: store, service: try SignalService(store: store))
        try state.load(
            try ParticipantRegistry(version: 1, issuedAt: Date(), participants: Fixtures.directory.sorted, revokedSerials: []).signed(by: ca))
        // finco is a peer too, but not entitled to the 'all' chain: only bravo's acknowledgement counts.
        try state.addPeer(Fixtures.bravo.id, url: "https://127.0.0.1:1")
        try state.addPeer(Fixtures.finco.id, url: "https://127.0.0.1:2")
        let service = TombstoneService(
            state: state, policy: CompactionPolicy(maxTombstoneAge: 86_400, minimumDead: 1), interval: .seconds(3600), logger: Logger(label: "test"))

        let head = try #require(try store.federation.ownChainStatuses().first?.head)
        #expect(try service.runOnce().compaction == .keep)
        var behind = ChainListMessage.Entry(origin: Fixtures.alpha.id, scope: "all", epoch: head.epoch, seq: head.seq - 1, hash: .zero)
        try store.federation.recordAcknowledgements([behind], from: Fixtures.bravo.id)
        #expect(try service.runOnce().compaction == .keep)
        behind.seq = head.seq
        try store.federation.recordAcknowledgements([behind], from: Fixtures.bravo.id)
        #expect(try service.runOnce().compaction == .acknowledged)
        // Until the new epoch is published whole, its chains say nothing of what is dead: no second compaction.
        #expect(try service.runOnce().compaction == .keep)
        try store.chains.build()
        let compacted = try #require(try store.federation.ownChainStatuses().first)
        #expect(compacted.head.epoch != head.epoch && compacted.events == 1 && compacted.dead == 0)
        #expect(try service.runOnce().compaction == .keep)
        #expect(String(decoding: state.metrics.exposition(), as: UTF8.self).contains(#"lantern_compactions_total{reason="acknowledged"} 1"#))
    }
}
