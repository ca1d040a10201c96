import Crypto
import Foundation
import Hummingbird
import LanternAPI
import LanternCore
import LanternPKI
import LanternServer
import LanternStore
import LanternSync
import LanternTesting
import Logging
import NIOCore
import Testing

/// Hostile participants with genuine certificates, over a real socket: numbers and dates no node holds, chains that
/// speak for another origin's ids, peers that probe what this node holds, impersonate another participant, or
/// trickle their answers.
extension WireAttackTests {
    var bravo: ParticipantID { Fixtures.bravo.id }

    func everyone() throws -> Signal {
        try alpha.signals.addLocal([
            try validator.validateNew(
                Fixtures.urlDraft("https://everyone.example/"), id: Fixtures.signalID(1), author: Fixtures.alpha.id, now: Fixtures.now)
        ])[0]
    }

    /// `events` re-linked and signed by `signer`, as `origin`'s chain.
    func signed(_ events: [ChainEvent], by signer: String) throws -> (ChainBatchMessage, ChainListMessage.Entry) {
        let last = try #require(events.last)
        let message = ChainBatchMessage(
            batch: ChainBatch(events: events, head: try ChainHead.sign(last, with: key(signer))), originCertificate: try pem(signer))
        return (message, .init(origin: last.origin, scope: last.scope, epoch: last.epoch, seq: last.seq, hash: last.hash))
    }

    @Test func numbersNoNodeHoldsAreRefusedWhereTheyAreRead() async throws {
        let mallory = try await MaliciousPeer(certificate: certificates["bravo"]!)
        defer { mallory.stop() }
        let (state, sync, client) = try victimPulling(from: mallory)
        let hash = String(repeating: "ab", count: 32)
        func list(_ entries: [String]) -> [UInt8] { Array(#"{"chains":[\#(entries.joined(separator: ","))]}"#.utf8) }
        func entry(scope: String = "all", epoch: String = "e", seq: String) -> String {
            #"{"origin":"alpha","scope":"\#(scope)","epoch":"\#(epoch)","seq":\#(seq),"hash":"\#(hash)"}"#
        }
        // A sequence number that fits no signed 64-bit integer (it trapped the node before), an epoch that would be
        // two lines of the signed preimage, a scope the protocol does not name.
        for bad in [
            entry(seq: "18446744073709551615"), entry(seq: "9223372036854775808"), entry(epoch: #"a\nb"#, seq: "1"),
            entry(scope: "everyone", seq: "1"),
        ] {
            mallory.answer(rawList: list([bad]))
            let report = await sync.pull(from: bravo, url: mallory.url)
            #expect(report.error != nil && report.stored == 0, "\(report)")
        }
        // The largest numbers a node holds are taken, and the lag over them saturates instead of overflowing.
        mallory.answer(rawList: list([entry(seq: "9223372036854775807"), entry(scope: "financial", seq: "9223372036854775807")]))
        _ = await sync.pull(from: bravo, url: mallory.url)
        #expect(state.activity.totalLag(of: bravo, holding: try victim.chains.positions()) == Int.max)
        // The node goes on: an honest batch applies.
        _ = try everyone()
        let (legit, legitEntry) = try honest(.all)
        try mallory.answer(legit, listing: legitEntry)
        let report = await sync.pull(from: bravo, url: mallory.url)
        #expect(report.stored == 1 && report.error == nil, "\(report)")
        try await client.shutdown()
    }

    @Test func datesAndDetailsBeyondTheRulesAreRefusedFieldByField() async throws {
        _ = try everyone()
        let mallory = try await MaliciousPeer(certificate: certificates["bravo"]!)
        defer { mallory.stop() }
        let (_, sync, client) = try victimPulling(from: mallory)
        let (legit, _) = try honest(.all)
        let body = String(decoding: legit.batch.events[0].body!, as: UTF8.self)
        func replacing(_ pattern: String, with text: String) -> String {
            body.replacingOccurrences(of: pattern, with: text, options: .regularExpression)
        }
        // Each body is signed by alpha, as a buggy or hostile origin would send it.
        let cases: [(field: String, body: String)] = [
            ("expires_at", replacing(#""expires_at":[0-9]+"#, with: #""expires_at":9223372036854775807"#)),
            ("created_at", replacing(#""created_at":[0-9]+"#, with: #""created_at":-9223372036854775808"#)),
            ("context.first_seen", replacing(#""context":\{"#, with: #""context":{"first_seen":1e300,"#)),
            ("context.last_seen", replacing(#""context":\{"#, with: #""context":{"first_seen":1790000000000,"last_seen":1780000000000,"#)),
            (
                "context.description",
                replacing(#""context":\{"#, with: #""context":{"description":"a\#(String(repeating: "\u{301}", count: 5000))","#)
            ),
            ("expires_at", replacing(#""expires_at":[0-9]+"#, with: #""expires_at":4102444800000000"#)),
        ]
        for (field, text) in cases {
            let (message, entry) = try signed(rewritten(legit.batch.events, body: 0, with: Data(text.utf8)), by: "alpha")
            try mallory.answer(message, listing: entry)
            let report = await sync.pull(from: bravo, url: mallory.url)
            #expect(report.refused.count == 1 && report.refused[0].contains(field), "\(field): \(report)")
            #expect(try values().isEmpty)
        }
        // A removal dated past year 9999, in alpha's own chain after the honest upsert.
        try mallory.answer(legit, listing: try honest(.all).1)
        _ = await sync.pull(from: bravo, url: mallory.url)
        let removal = ChainEvent(
            origin: Fixtures.alpha.id, scope: .all, epoch: legit.batch.head.epoch, seq: 2, signalID: legit.batch.events[0].signalID,
            revision: 9, kind: .remove, body: Data(#"{"type":"url","removed_at":9223372036854775807,"reason":"entered_in_error"}"#.utf8),
            previousHash: legit.batch.events[0].hash)
        let (removing, removingEntry) = try signed([removal], by: "alpha")
        try mallory.answer(removing, listing: removingEntry)
        let report = await sync.pull(from: bravo, url: mallory.url)
        #expect(report.refused.count == 1 && report.refused[0].contains("years 1 to 9999"), "\(report)")
        #expect(try values() == ["https://everyone.example/"])
        #expect(try victim.integrityCheck() == ["ok"])
        try await client.shutdown()
    }

    @Test func anotherOriginsChainCannotSpeakForAnIdBeforeOrAfterItArrives() async throws {
        let signal = try everyone()
        let mallory = try await MaliciousPeer(certificate: certificates["bravo"]!)
        defer { mallory.stop() }
        let (state, sync, client) = try victimPulling(from: mallory)
        // bravo, having received alpha's signal, claims its id in a chain of its own before charlie has alpha's copy:
        // an upsert under bravo's name, then a removal.
        var squat = signal
        squat.origin = bravo
        squat.revision = 99
        let upsert = ChainEvent(
            origin: bravo, scope: .all, epoch: "e", seq: 1, signalID: signal.id.rawValue, revision: 99, kind: .upsert,
            body: SignalWire.encode(squat), previousHash: ChainEvent.genesis)
        let remove = ChainEvent(
            origin: bravo, scope: .all, epoch: "e", seq: 2, signalID: signal.id.rawValue, revision: 100, kind: .remove,
            body: Data(#"{"type":"url","removed_at":0,"reason":"entered_in_error"}"#.utf8), previousHash: upsert.hash)
        let (attack, attackEntry) = try signed([upsert, remove], by: "bravo")
        try mallory.answer(attack, listing: attackEntry)
        var report = await sync.pull(from: bravo, url: mallory.url)
        #expect(report.stored == 0 && report.removed == 0 && report.refused.contains { $0.contains("did not make") }, "\(report)")
        #expect(try victim.signals.signal(signal.id) == nil && victim.signals.removal(signal.id) == nil)
        // alpha's own chain then applies as if nothing had happened...
        let (legit, entry) = try honest(.all)
        try mallory.answer(legit, listing: entry)
        report = await sync.pull(from: bravo, url: mallory.url)
        #expect(report.stored == 1, "\(report)")
        // ...and a later removal in bravo's chain leaves it alone too.
        let later = ChainEvent(
            origin: bravo, scope: .all, epoch: "e", seq: 3, signalID: signal.id.rawValue, revision: 101, kind: .remove,
            body: Data(#"{"type":"url","removed_at":0,"reason":"entered_in_error"}"#.utf8), previousHash: remove.hash)
        let (more, moreEntry) = try signed([later], by: "bravo")
        try mallory.answer(more, listing: moreEntry)
        report = await sync.pull(from: bravo, url: mallory.url)
        #expect(report.removed == 0, "\(report)")
        #expect(try values() == ["https://everyone.example/"])
        let metrics = String(decoding: state.metrics.exposition(), as: UTF8.self)
        #expect(metrics.contains(#"lantern_refusals_total{reason="not_owner"} 3"#), "\(metrics)")
        try await client.shutdown()
    }

    @Test func aPeerLearnsNothingFromAcknowledgementsOfChainsItMayNotReceive() async throws {
        _ = try everyone()
        let relay = try await MaliciousPeer(certificate: certificates["bravo"]!)
        let institution = try await MaliciousPeer(certificate: certificates["finco"]!)
        defer {
            relay.stop()
            institution.stop()
        }
        let (_, sync, client) = try victimPulling(from: relay, more: [(Fixtures.finco, institution)])
        let (legit, entry) = try honest(.all)
        try relay.answer(legit, listing: entry)
        _ = await sync.pull(from: bravo, url: relay.url)
        #expect(relay.acknowledgements.flatMap(\.chains).map(\.scope) == ["all"])
        // The institution lists alpha's general chain, as if probing whether charlie holds it.
        try institution.answer(legit, listing: entry)
        _ = await sync.pull(from: Fixtures.finco.id, url: institution.url)
        #expect(institution.acknowledgements.flatMap(\.chains).isEmpty)
        try await client.shutdown()
    }

    @Test func aNodeThatIsNotTheConfiguredParticipantIsRefused() async throws {
        _ = try everyone()
        // alpha's certificate answers at the address configured for bravo.
        let impostor = try await MaliciousPeer(certificate: certificates["alpha"]!)
        defer { impostor.stop() }
        let (_, sync, client) = try victimPulling(from: impostor)
        let (legit, entry) = try honest(.all)
        try impostor.answer(legit, listing: entry)
        let report = await sync.pull(from: bravo, url: impostor.url)
        #expect(report.error != nil && report.stored == 0, "\(report)")
        #expect(try values().isEmpty)
        try await client.shutdown()
    }

    @Test func aPeerThatTricklesItsAnswerDelaysOnlyItsOwnPull() async throws {
        _ = try everyone()
        let slow = try await MaliciousPeer(certificate: certificates["bravo"]!)
        let honestPeer = try await MaliciousPeer(certificate: certificates["alpha"]!)
        defer {
            slow.stop()
            honestPeer.stop()
        }
        let (_, sync, client) = try victimPulling(
            from: slow, more: [(Fixtures.alpha, honestPeer)], client: .init(read: .seconds(5), deadline: .seconds(2)))
        let (legit, entry) = try honest(.all)
        try slow.answer(legit, listing: entry)
        slow.trickle(every: .seconds(1))
        try honestPeer.answer(legit, listing: entry)
        let reports = await sync.pullAll()
        let byPeer = Dictionary(uniqueKeysWithValues: reports.map { ($0.peer, $0) })
        #expect(byPeer["alpha"]?.stored == 1, "\(reports)")
        #expect(byPeer["bravo"]?.error?.contains("did not answer within") == true, "\(reports)")
        try await client.shutdown()
    }
}

extension WireAttackTests {
    /// Whether the other end closed `connection` within `limit`.
    static func closed(_ connection: ConnectionLimitTests.Connection, within limit: Duration) async throws -> Bool {
        let end = ContinuousClock.now + limit
        while connection.channel.isActive, ContinuousClock.now < end { try await Task.sleep(for: .milliseconds(50)) }
        return !connection.channel.isActive
    }

    /// charlie's peer endpoint with `limits`, and its port.
    func endpoint(_ state: FederationState, limits: ConnectionLimits) async throws -> (port: Int, server: Task<Void, any Error>) {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let endpoint = try PeerEndpoint.makeApplication(
            state: state, host: "127.0.0.1", port: 0, limits: limits, logger: Logger(label: "test"), onServerRunning: { continuation.yield($0) })
        let server = Task { try await endpoint.runService() }
        var iterator = ports.makeAsyncIterator()
        return (try #require(await iterator.next()), server)
    }

    @Test func strangersHoldingSocketsAtThePeerPortAreCutOffAndPeersServed() async throws {
        let mallory = try await MaliciousPeer(certificate: certificates["bravo"]!)
        defer { mallory.stop() }
        let (state, _, client) = try victimPulling(from: mallory)
        // A stranger holds sockets open and never starts a handshake. (The cap on connections per address is the
        // same code on both servers, `GuardedServer`; `ConnectionLimitTests` counts it exactly.)
        let (port, server) = try await endpoint(state, limits: ConnectionLimits(idleTimeout: .seconds(600), connectionsPerAddress: 4))
        defer { server.cancel() }
        var silent: [ConnectionLimitTests.Connection] = []
        for _ in 0..<4 { silent.append(try await ConnectionLimitTests.connect(to: port, from: "127.0.0.3")) }
        // bravo, a configured peer, is answered meanwhile.
        let bravoCredentials = try FederationCredentials(
            certificatePEM: try pem("bravo"), privateKeyPEM: certificates["bravo"]!.privateKeyPEM, caPEM: try ca.certificatePEM)
        let bravoClient = try PeerClient(credentials: bravoCredentials)
        do {
            let hello = try await bravoClient.hello(Fixtures.charlie.id, at: "https://127.0.0.1:\(port)")
            #expect(hello.peer == "bravo")
        } catch {
            Issue.record(error)
        }
        try await bravoClient.shutdown()
        for connection in silent { try? await connection.channel.close() }
        // With a short idle timeout, a socket that never starts its handshake is closed.
        let (shortPort, shortServer) = try await endpoint(state, limits: ConnectionLimits(idleTimeout: .seconds(2)))
        defer { shortServer.cancel() }
        let unspoken = try await ConnectionLimitTests.connect(to: shortPort)
        #expect(try await Self.closed(unspoken, within: .seconds(20)))
        try await client.shutdown()
    }
}

extension WireAttackTests {
    @Test func oneRequestSignsABoundedNumberOfRemovalHeads() async throws {
        // alpha holds 150 signals and removes them all: its chain holds 150 removals, each of which a batch signs.
        try alpha.signals.addLocal(
            try (1...150).map { n in
                try validator.validateNew(
                    Fixtures.urlDraft("https://s\(n).example/"), id: Fixtures.signalID(UInt64(n)), author: Fixtures.alpha.id, now: Fixtures.now)
            })
        try alpha.chains.build()
        for n in 1...150 { _ = try alpha.signals.remove(Fixtures.signalID(UInt64(n)), reason: .enteredInError, now: Fixtures.now) }
        try alpha.chains.build()
        let credentials = try FederationCredentials(
            certificatePEM: try pem("alpha"), privateKeyPEM: certificates["alpha"]!.privateKeyPEM, caPEM: try ca.certificatePEM)
        let state = try FederationState(credentials: credentials, store: alpha, service: try SignalService(store: alpha))
        try state.load(
            try ParticipantRegistry(version: 1, issuedAt: Date(), participants: Fixtures.directory.sorted, revokedSerials: []).signed(by: ca))
        try state.addPeer(bravo, url: "https://127.0.0.1:1")
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let endpoint = try PeerEndpoint.makeApplication(
            state: state, host: "127.0.0.1", port: 0, logger: Logger(label: "test"), onServerRunning: { continuation.yield($0) })
        let server = Task { try await endpoint.runService() }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let url = "https://127.0.0.1:\(try #require(await iterator.next()))"
        let bravoClient = try PeerClient(
            credentials: try FederationCredentials(
                certificatePEM: try pem("bravo"), privateKeyPEM: certificates["bravo"]!.privateKeyPEM, caPEM: try ca.certificatePEM),
            configuration: .init(deadline: .seconds(20)))
        do {
            // The first batch ends at the 100th removal, whatever limit was asked; the next goes on from there.
            let first = try await bravoClient.batch(Fixtures.alpha.id, url, "/peer/v1/chains/events?origin=alpha&scope=all&after=150&limit=10000")
            #expect(first.removalHeads?.count == 100)
            #expect(first.batch.events.last?.kind == .remove)
            #expect(first.batch.events.count == 100 && first.batch.events.allSatisfy { $0.kind == .remove })
            let after = try #require(first.batch.events.last?.seq)
            let second = try await bravoClient.batch(
                Fixtures.alpha.id, url, "/peer/v1/chains/events?origin=alpha&scope=all&after=\(after)&limit=10000")
            #expect(second.removalHeads?.count == 50)
            #expect(second.batch.events.first?.seq == after + 1)
        } catch {
            Issue.record(error)
        }
        try await bravoClient.shutdown()
    }
}

extension WireAttackTests {
    func bundle(version: UInt64, withViews: Bool) throws -> RegistryBundle {
        let registry = ParticipantRegistry(version: version, issuedAt: Date(), participants: Fixtures.directory.sorted, revokedSerials: [])
        let views = withViews ? [try registry.financialView(for: Fixtures.finco.id).signed(by: ca)] : []
        return RegistryBundle(registries: [try registry.signed(by: ca)] + views)
    }

    @Test func aRegistryWithoutItsViewsCannotStripThemAndTheViewsFollowLater() throws {
        let credentials = try FederationCredentials(
            certificatePEM: try pem("charlie"), privateKeyPEM: certificates["charlie"]!.privateKeyPEM, caPEM: try ca.certificatePEM)
        let state = try FederationState(credentials: credentials, store: victim, service: try SignalService(store: victim))
        try state.load(try bundle(version: 1, withViews: true))
        #expect(try victim.federation.registryViews()[Fixtures.finco.id]?.version == 1)
        // A newer registry arrives without its views (loaded by hand, or relayed by a peer that dropped them): the
        // institution keeps being handed the view it had.
        try state.load(try bundle(version: 2, withViews: false))
        #expect(state.registry?.version == 2)
        #expect(try victim.federation.registryViews()[Fixtures.finco.id]?.version == 1)
        #expect(try state.registryBundle(for: Fixtures.finco)?.registries.count == 1)
        // The bundle of the version in force with its views is still taken, and then wanted no more.
        let complete = try bundle(version: 2, withViews: true)
        #expect(state.wants(complete))
        try state.load(complete)
        #expect(try victim.federation.registryViews()[Fixtures.finco.id]?.version == 2)
        #expect(!state.wants(complete))
        #expect(state.registry?.version == 2)
    }
}
