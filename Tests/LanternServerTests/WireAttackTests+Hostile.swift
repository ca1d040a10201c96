import Crypto
import Foundation
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
        try alpha.addLocalSignals([
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
        #expect(state.activity.totalLag(of: bravo, holding: try victim.chainPositions()) == Int.max)
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
        #expect(try victim.signal(signal.id) == nil && victim.removal(signal.id) == nil)
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
    @Test func strangersHoldingSocketsAtThePeerPortAreCutOffAndPeersServed() async throws {
        let mallory = try await MaliciousPeer(certificate: certificates["bravo"]!)
        defer { mallory.stop() }
        let (state, _, client) = try victimPulling(from: mallory)
        let limits = ConnectionLimits(idleTimeout: .seconds(3), connectionsPerAddress: 4)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let endpoint = try PeerEndpoint.makeApplication(
            state: state, host: "127.0.0.1", port: 0, limits: limits, logger: Logger(label: "test"), onServerRunning: { continuation.yield($0) })
        let server = Task { try await endpoint.runService() }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())

        // A stranger opens sockets and never starts a handshake: one past the limit is closed as it opens, the rest
        // at the idle timeout.
        var silent: [ConnectionLimitTests.Connection] = []
        for _ in 0..<4 { silent.append(try await ConnectionLimitTests.connect(to: port, from: "127.0.0.3")) }
        #expect(
            try await ConnectionLimitTests.closedByServer(
                try await ConnectionLimitTests.connect(to: port, from: "127.0.0.3"), within: .milliseconds(500)))
        // bravo, a configured peer, is answered meanwhile.
        let bravoCredentials = try FederationCredentials(
            certificatePEM: try pem("bravo"), privateKeyPEM: certificates["bravo"]!.privateKeyPEM, caPEM: try ca.certificatePEM)
        let bravoClient = try PeerClient(credentials: bravoCredentials)
        let hello = try await bravoClient.hello(Fixtures.charlie.id, at: "https://127.0.0.1:\(port)")
        #expect(hello.peer == "bravo")
        for connection in silent { #expect(try await ConnectionLimitTests.closedByServer(connection, within: .seconds(10))) }
        let metrics = String(decoding: state.metrics.exposition(), as: UTF8.self)
        #expect(metrics.contains("lantern_connections_refused_total 1"), "\(metrics)")
        try await bravoClient.shutdown()
        try await client.shutdown()
    }
}
