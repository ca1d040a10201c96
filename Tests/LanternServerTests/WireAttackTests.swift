import Crypto
import Foundation
import LanternAPI
import LanternCore
import LanternPKI
import LanternServer
import LanternStore
import LanternSync
import LanternTesting
import NIOCore
import Synchronization
import Testing

/// The attack catalogue over a real socket: charlie's node pulls from "bravo", a participant with a valid
/// certificate whose node answers whatever the test scripts, and refuses everything that is not what alpha said.
@Suite(.serialized) struct WireAttackTests {
    let ca: CertificateAuthority
    let certificates: [String: CertificateAuthority.IssuedCertificate]
    let directories: [TemporaryDirectory]
    let alpha: NodeStore
    let victim: NodeStore
    let validator = Fixtures.validator()

    init() throws {
        ca = try CertificateAuthority.create()
        var certificates: [String: CertificateAuthority.IssuedCertificate] = [:]
        for participant in Fixtures.directory.sorted {
            certificates[participant.id.rawValue] = try ca.issue(
                identity: ParticipantIdentity(participant: participant.id, role: participant.role))
        }
        self.certificates = certificates
        directories = try (0..<2).map { _ in try TemporaryDirectory() }
        alpha = try Fixtures.store(in: directories[0], as: Fixtures.alpha)
        victim = try Fixtures.store(in: directories[1], as: Fixtures.charlie)
    }

    func key(_ id: String) throws -> P256.Signing.PrivateKey { try P256.Signing.PrivateKey(pemRepresentation: certificates[id]!.privateKeyPEM) }
    func pem(_ id: String) throws -> String { try certificates[id]!.certificatePEM }

    /// alpha's chain for `scope` after `after`, signed by alpha, as an honest relay would forward it.
    func honest(_ scope: Scope, after: UInt64 = 0) throws -> (ChainBatchMessage, ChainListMessage.Entry) {
        try alpha.chains.build()
        let events = try alpha.chains.events(origin: Fixtures.alpha.id, scope: scope, after: after)
        let last = try #require(events.last)
        let message = ChainBatchMessage(
            batch: ChainBatch(events: events, head: try ChainHead.sign(last, with: key("alpha"))), originCertificate: try pem("alpha"))
        return (
            message, ChainListMessage.Entry(origin: Fixtures.alpha.id, scope: scope.description, epoch: last.epoch, seq: last.seq, hash: last.hash)
        )
    }

    /// charlie's node (the victim) with the program's registry, `peer` configured as bravo, and a sync service
    /// to pull from it. The caller shuts the client down.
    func victimPulling(
        from peer: MaliciousPeer, as configured: Participant = Fixtures.bravo, more: [(Participant, MaliciousPeer)] = [],
        client settings: PeerClient.Configuration = .init()
    ) throws -> (state: FederationState, sync: SyncService, client: PeerClient) {
        let credentials = try FederationCredentials(
            certificatePEM: try pem("charlie"), privateKeyPEM: certificates["charlie"]!.privateKeyPEM, caPEM: try ca.certificatePEM)
        let state = try FederationState(credentials: credentials, store: victim, service: try SignalService(store: victim))
        try state.load(
            try ParticipantRegistry(version: 1, issuedAt: Date(), participants: Fixtures.directory.sorted, revokedSerials: []).signed(by: ca))
        try state.addPeer(configured.id, url: peer.url)
        for (participant, other) in more { try state.addPeer(participant.id, url: other.url) }
        let client = try PeerClient(credentials: credentials, configuration: settings)
        return (state, SyncService(state: state, client: client), client)
    }

    func values() throws -> Set<String> { Set(try victim.signals.page(matching: SignalQuery()).signals.map(\.signal.value.normalized)) }

    func rewritten(_ events: [ChainEvent], body index: Int, with body: Data) -> [ChainEvent] {
        var events = events
        var previous = index == 0 ? ChainEvent.genesis : events[index - 1].hash
        for i in index..<events.count {
            let e = events[i]
            events[i] = ChainEvent(
                origin: e.origin, scope: Scope(e.scope)!, epoch: e.epoch, seq: e.seq, signalID: e.signalID, revision: e.revision, kind: e.kind,
                body: i == index ? body : e.body, previousHash: previous)
            previous = events[i].hash
        }
        return events
    }

    @Test func everyAttackIsRefusedAndTheNodeStaysHealthy() async throws {
        let signals = try alpha.signals.addLocal([
            try validator.validateNew(
                Fixtures.urlDraft("https://everyone.example/"), id: Fixtures.signalID(1), author: Fixtures.alpha.id, now: Fixtures.now),
            try validator.validateNew(
                Fixtures.urlDraft("https://bravo-pilot.example/", audience: "bravo"), id: Fixtures.signalID(2), author: Fixtures.alpha.id,
                now: Fixtures.now),
        ])
        let mallory = try await MaliciousPeer(certificate: certificates["bravo"]!)
        defer { mallory.stop() }
        let (state, sync, client) = try victimPulling(from: mallory)
        func pull() async -> SyncReport { await sync.pull(from: Fixtures.bravo.id, url: mallory.url) }
        let (legit, entry) = try honest(.all)

        // A relay changes a value: the body no longer matches the digest alpha's chain committed to.
        var altered = legit
        altered.batch.events[0].body = Data(
            String(decoding: legit.batch.events[0].body!, as: UTF8.self).replacingOccurrences(of: "everyone", with: "someone").utf8)
        try mallory.answer(altered, listing: entry)
        var report = await pull()
        #expect(report.refused.count == 1 && report.refused[0].contains("altered"), "\(report)")

        // The same change with the hashes worked out again, signed by the relay with its own certificate...
        var forged = legit
        forged.batch.events = rewritten(legit.batch.events, body: 0, with: altered.batch.events[0].body!)
        forged.batch.head = try ChainHead.sign(forged.batch.events.last!, with: key("bravo"))
        forged.originCertificate = try pem("bravo")
        try mallory.answer(forged, listing: entry)
        report = await pull()
        #expect(report.refused.count == 1 && report.refused[0].contains("certificate"), "\(report)")
        // ...or passed off with alpha's certificate: alpha's key never signed that head.
        forged.originCertificate = try pem("alpha")
        try mallory.answer(forged, listing: entry)
        report = await pull()
        #expect(report.refused.count == 1 && report.refused[0].contains("not signed"), "\(report)")

        // alpha's genuine 1:1 pilot with bravo pushed to charlie: outside charlie's scopes.
        let (pilot, pilotEntry) = try honest(.allowlist([Fixtures.bravo.id]))
        try mallory.answer(pilot, listing: pilotEntry)
        report = await pull()
        #expect(report.refused.count == 1 && report.refused[0].contains("not entitled"), "\(report)")
        #expect(try values().isEmpty)
        #expect(try directories[1].filesContaining("bravo-pilot") == [])

        // The honest batch applies; replayed later (claiming news), it changes nothing.
        try mallory.answer(legit, listing: entry)
        report = await pull()
        #expect(report.stored == 1 && report.refused.isEmpty, "\(report)")
        var claimsMore = entry
        claimsMore.seq += 1
        try mallory.answer(legit, listing: claimsMore)
        report = await pull()
        #expect(report.stored == 0 && report.refused.isEmpty && report.error == nil, "\(report)")

        // bravo "removes" alpha's signal in a chain of its own: its chain, but not its signal.
        let removal = ChainEvent(
            origin: Fixtures.bravo.id, scope: .all, epoch: "e", seq: 1, signalID: signals[0].id.rawValue, revision: 99, kind: .remove,
            body: Data(#"{"type":"url","removed_at":0,"reason":"entered_in_error"}"#.utf8), previousHash: ChainEvent.genesis)
        let bravoBatch = ChainBatchMessage(
            batch: ChainBatch(events: [removal], head: try ChainHead.sign(removal, with: key("bravo"))), originCertificate: try pem("bravo"))
        try mallory.answer(bravoBatch, listing: .init(origin: Fixtures.bravo.id, scope: "all", epoch: "e", seq: 1, hash: removal.hash))
        report = await pull()
        #expect(report.removed == 0, "\(report)")
        #expect(try values() == ["https://everyone.example/"])

        // Malformed and oversized answers fail the pull with an error, and nothing else.
        mallory.answer(list: ChainListMessage(chains: [claimsMore])) { ByteBuffer(string: #"{"batch": 12}"#) }
        report = await pull()
        #expect(report.error != nil)
        let huge = ByteBuffer(repeating: UInt8(ascii: " "), count: 80 * 1024 * 1024)
        mallory.answer(list: ChainListMessage(chains: [claimsMore])) { huge }
        report = await pull()
        #expect(report.error != nil)
        // A frame cut short, and one whose event claims a body longer than the frame.
        let frame = try ChainBatchFrame.encode(legit)
        mallory.answer(list: ChainListMessage(chains: [claimsMore]), contentType: ChainBatchFrame.mediaType) {
            ByteBuffer(bytes: frame.dropLast(10))
        }
        report = await pull()
        #expect(report.error?.contains("not a valid frame") == true, "\(report)")
        var tampered = frame
        let bodyStart = frame.count - legit.batch.events[0].body!.count
        tampered.replaceSubrange(bodyStart - 4..<bodyStart, with: [0x7F, 0xFF, 0xFF, 0xFF])
        let lying = tampered
        mallory.answer(list: ChainListMessage(chains: [claimsMore]), contentType: ChainBatchFrame.mediaType) { ByteBuffer(bytes: lying) }
        report = await pull()
        #expect(report.error?.contains("ends early") == true, "\(report)")

        // The node is healthy: alpha's next change arrives through the same peer (as JSON, which every node still
        // reads), and the metrics counted it all.
        _ = try alpha.signals.addLocal([
            try validator.validateNew(
                Fixtures.urlDraft("https://later.example/"), id: Fixtures.signalID(3), author: Fixtures.alpha.id, now: Fixtures.now)
        ])
        let (next, nextEntry) = try honest(.all, after: 1)
        try mallory.answer(next, listing: nextEntry, asJSON: true)
        report = await pull()
        #expect(report.stored == 1 && report.error == nil, "\(report)")
        #expect(try values() == ["https://everyone.example/", "https://later.example/"])
        #expect(try victim.integrityCheck() == ["ok"])
        let metrics = String(decoding: state.metrics.exposition(), as: UTF8.self)
        for reason in ["broken", "origin_certificate", "unsigned", "not_entitled"] {
            #expect(metrics.contains(#"lantern_refusals_total{reason="\#(reason)"} 1"#), "\(reason):\n\(metrics)")
        }
        try await client.shutdown()
    }

    @Test func aBatchReceivedIsAppliedEvenWhenTheNextOneFails() async throws {
        _ = try alpha.signals.addLocal([
            try validator.validateNew(
                Fixtures.urlDraft("https://first.example/"), id: Fixtures.signalID(1), author: Fixtures.alpha.id, now: Fixtures.now)
        ])
        let relay = try await MaliciousPeer(certificate: certificates["bravo"]!)
        defer { relay.stop() }
        let (_, sync, client) = try victimPulling(from: relay)
        // The relay lists more of the chain than its first batch holds, so the pull asks for a second batch while
        // it applies the first; the second answer is not a frame.
        let (first, entry) = try honest(.all)
        var longer = entry
        longer.seq += 5
        let frame = try ChainBatchFrame.encode(first)
        let requests = Mutex(0)
        relay.answer(list: ChainListMessage(chains: [longer]), contentType: ChainBatchFrame.mediaType) {
            let count = requests.withLock { count in
                count += 1
                return count
            }
            return count == 1 ? ByteBuffer(bytes: frame) : ByteBuffer(string: "not a frame")
        }
        let report = await sync.pull(from: Fixtures.bravo.id, url: relay.url)
        #expect(report.error?.contains("not a valid frame") == true, "\(report)")
        #expect(try values() == ["https://first.example/"])
        #expect(try victim.chains.position(origin: Fixtures.alpha.id, scope: .all)?.seq == entry.seq)
        try await client.shutdown()
    }
}
