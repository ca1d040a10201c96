import Crypto
import Foundation
import GRDB
import LanternAPI
import LanternCore
import LanternPKI
import LanternServer
import LanternSync
import LanternTesting
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

@testable import LanternStore

extension WireAttackTests {
    /// Stores a signal of charlie's (the victim) and publishes it to charlie's chains.
    func publishVictimSignal(_ n: UInt64, _ value: String) throws {
        let own = try validator.validateNew(
            Fixtures.urlDraft(value), id: Fixtures.signalID(n, origin: Fixtures.charlie.id), author: Fixtures.charlie.id, now: Fixtures.now)
        try victim.signals.addLocal([own])
        try victim.chains.build()
    }

    /// A head of charlie's chain past its end, signed by `signer`'s key.
    func head(after event: ChainEvent, by signer: String) throws -> ChainHead {
        var head = ChainHead(origin: event.origin, scope: event.scope, epoch: event.epoch, seq: event.seq + 5, hash: .test("later"), signature: "")
        head.signature = try key(signer).signature(for: head.signedBytes).derRepresentation.base64EncodedString()
        return head
    }

    /// A peer shows charlie (the victim) heads of charlie's own chain past its end: only one charlie signed makes it
    /// start a new epoch, so no peer can make a node republish its chains at will.
    @Test func onlyAHeadTheNodeSignedMakesItStartANewEpoch() async throws {
        try publishVictimSignal(7, "https://charlie.example/")
        let epoch = try #require(try victim.chains.currentEpoch())
        let last = try #require(try victim.chains.events(origin: Fixtures.charlie.id, scope: .all, after: 0).last)
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
        #expect(try victim.chains.currentEpoch() == epoch)
        try await firstClient.shutdown()

        // A head charlie did sign, past where its chain now ends: it lost events, and starts a new epoch.
        peer.show(heads: [try head(after: last, by: "charlie")])
        let (_, sync, client) = try victimPulling(from: peer)
        let reports = await sync.pullAll()
        let started = try #require(reports.first?.newEpoch, "\(reports)")
        #expect(try victim.chains.currentEpoch() == started && started > epoch)
        #expect(try victim.chains.isRestoredEpoch())
        // Asked once per peer after a start: the same head does not start another.
        _ = await sync.pullAll()
        #expect(try victim.chains.currentEpoch() == started)
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

extension WireAttackTests {
    /// Listing chains with nothing pending to publish needs no write transaction: a peer that lists again and again
    /// never waits for the node's writer, nor holds it. Shown by holding the writer while bravo lists: the answer
    /// comes before the writer is let go (a list that wrote would wait for it).
    @Test func listingChainsWithNothingPendingNeedsNoWriteTransaction() async throws {
        try publishVictimSignal(9, "https://listed.example/")
        let mallory = try await MaliciousPeer(certificate: certificates["bravo"]!)
        defer { mallory.stop() }
        let (state, _, client) = try victimPulling(from: mallory)
        let (port, server) = try await endpoint(state, limits: ConnectionLimits())
        defer { server.cancel() }
        let bravoClient = try PeerClient(
            credentials: try FederationCredentials(
                certificatePEM: try pem("bravo"), privateKeyPEM: certificates["bravo"]!.privateKeyPEM, caPEM: try ca.certificatePEM))

        final class Flags: Sendable {
            let answered = Mutex(false)
            let held = Mutex(false)
        }
        let flags = Flags()
        let victim = victim
        // Holds the writer until bravo's list is answered, or 10 seconds: returns whether the answer came first.
        let holder = Task.detached { () throws -> Bool in
            try victim.writer.writeWithoutTransaction { _ in
                flags.held.withLock { $0 = true }
                let end = ContinuousClock.now + .seconds(10)
                while !flags.answered.withLock({ $0 }), ContinuousClock.now < end { Thread.sleep(forTimeInterval: 0.01) }
                return flags.answered.withLock { $0 }
            }
        }
        while !flags.held.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        let data = try await bravoClient.send(.GET, Fixtures.charlie.id, "https://127.0.0.1:\(port)", "/peer/v1/chains")
        flags.answered.withLock { $0 = true }
        #expect(try await holder.value, "the chain list waited for the writer")
        let list = try JSONDecoder().decode(ChainListMessage.self, from: data)
        #expect(list.chains.map(\.origin) == [Fixtures.charlie.id])
        try await bravoClient.shutdown()
        try await client.shutdown()
    }
}
