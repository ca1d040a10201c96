import Crypto
import Foundation
import LanternCore
import LanternServer
import LanternStore
import LanternSync
import LanternTesting
import NIOCore
import Testing

extension WireAttackTests {
    /// A head of charlie's chain past its end, signed by `signer`'s key.
    func head(after event: ChainEvent, by signer: String) throws -> ChainHead {
        var head = ChainHead(origin: event.origin, scope: event.scope, epoch: event.epoch, seq: event.seq + 5, hash: .test("later"), signature: "")
        head.signature = try key(signer).signature(for: head.signedBytes).derRepresentation.base64EncodedString()
        return head
    }

    /// A peer shows charlie (the victim) heads of charlie's own chain past its end: only one charlie signed makes it
    /// start a new epoch, so no peer can make a node republish its chains at will.
    @Test func onlyAHeadTheNodeSignedMakesItStartANewEpoch() async throws {
        let own = try validator.validateNew(
            Fixtures.urlDraft("https://charlie.example/"), id: Fixtures.signalID(7, origin: Fixtures.charlie.id), author: Fixtures.charlie.id,
            now: Fixtures.now)
        try victim.addLocalSignals([own])
        try victim.buildChains()
        let epoch = try #require(try victim.currentEpoch())
        let last = try #require(try victim.chainEvents(origin: Fixtures.charlie.id, scope: .all, after: 0).last)
        let peer = try await MaliciousPeer(certificate: certificates["bravo"]!)
        defer { peer.stop() }
        peer.answer(list: ChainListMessage(chains: [])) { ByteBuffer() }

        // Made up by bravo, or charlie's signature over another head: nothing happens.
        var altered = try head(after: last, by: "charlie")
        altered.seq += 1
        peer.show(heads: [try head(after: last, by: "bravo"), altered])
        let (_, firstSync, firstClient) = try victimPulling(from: peer)
        let first = await firstSync.pullAll()
        #expect(first.first?.error == nil && first.first?.newEpoch == nil, "\(first)")
        #expect(try victim.currentEpoch() == epoch)
        try await firstClient.shutdown()

        // A head charlie did sign, past where its chain now ends: it lost events, and starts a new epoch.
        peer.show(heads: [try head(after: last, by: "charlie")])
        let (_, sync, client) = try victimPulling(from: peer)
        let reports = await sync.pullAll()
        let started = try #require(reports.first?.newEpoch, "\(reports)")
        #expect(try victim.currentEpoch() == started && started > epoch)
        #expect(try victim.isRestoredEpoch())
        // Asked once per peer after a start: the same head does not start another.
        _ = await sync.pullAll()
        #expect(try victim.currentEpoch() == started)
        try await client.shutdown()
    }
}

extension WireAttackTests {
    /// A peer that never answers a notification holds up nobody: asking to notify it returns at once, one
    /// notification is under way at a time, and the requests made meanwhile become a single one once it times out.
    @Test func aPeerThatNeverAnswersNotificationsHoldsUpNobody() async throws {
        let silent = try await MaliciousPeer(certificate: certificates["bravo"]!)
        defer { silent.stop() }
        let (_, sync, client) = try victimPulling(from: silent)
        let started = ContinuousClock.now
        for _ in 0..<50 { sync.notifyPeers() }
        #expect(ContinuousClock.now - started < .seconds(1))
        try await Task.sleep(for: .seconds(1))
        #expect(silent.notifications == 1)
        // The first times out after `notificationDeadline`; the 49 asked for meanwhile go as one.
        let deadline = ContinuousClock.now + .seconds(10)
        while silent.notifications < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(silent.notifications == 2)
        try await client.shutdown()
    }
}
