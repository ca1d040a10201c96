import Crypto
import Foundation
import LanternCore
import LanternTesting
import Testing

@testable import LanternSync

/// Makes chains the way an origin does.
struct ChainBuilder {
    let origin: ParticipantID
    let scope: Scope
    var epoch = "e1"
    let key = P256.Signing.PrivateKey()
    var events: [ChainEvent] = []

    init(origin: ParticipantID, scope: Scope) {
        self.origin = origin
        self.scope = scope
    }

    mutating func append(_ kind: ChainEvent.Kind = .upsert, signal: String = "S", revision: UInt64? = nil, body: String = "{}") {
        let seq = UInt64(events.count + 1)
        events.append(
            ChainEvent(
                origin: origin, scope: scope, epoch: epoch, seq: seq, signalID: signal, revision: revision ?? seq, kind: kind,
                body: Data(body.utf8), previousHash: events.last?.hash ?? ChainEvent.genesis))
    }

    /// A batch of events `range` (1-based, inclusive), with a signed head.
    func batch(_ range: ClosedRange<Int>) throws -> ChainBatch {
        let slice = Array(events[(range.lowerBound - 1)...(range.upperBound - 1)])
        return ChainBatch(events: slice, head: try ChainHead.sign(slice[slice.count - 1], with: key))
    }
}

@Suite struct ChainVerifierTests {
    let alpha = Fixtures.alpha.id
    let verifier = ChainVerifier(receiver: Fixtures.bravo, directory: Fixtures.directory)

    func chain(_ count: Int, scope: Scope = .all) -> ChainBuilder {
        var builder = ChainBuilder(origin: Fixtures.alpha.id, scope: scope)
        for i in 0..<count { builder.append(signal: "S\(i)", body: #"{"value":"v\#(i)"}"#) }
        return builder
    }

    @Test func numbersBeyondWhatTheStoreHoldsAreRefusedNotTrappedOn() throws {
        let key = P256.Signing.PrivateKey()
        func event(seq: UInt64, revision: UInt64, after previous: ChainDigest) -> ChainEvent {
            ChainEvent(
                origin: alpha, scope: .all, epoch: "e1", seq: seq, signalID: "S", revision: revision, kind: .upsert, body: Data("{}".utf8),
                previousHash: previous)
        }
        // The last sequence number would overflow on "+ 1"; a revision of 2^63 does not fit the store.
        let first = event(seq: UInt64.max, revision: 1, after: ChainEvent.genesis)
        let second = event(seq: 0, revision: 1, after: first.hash)
        let wrapping = ChainBatch(events: [first, second], head: try ChainHead.sign(second, with: key))
        let huge = event(seq: 1, revision: UInt64(Int64.max) + 1, after: ChainEvent.genesis)
        let hugeBatch = ChainBatch(events: [huge], head: try ChainHead.sign(huge, with: key))
        for batch in [wrapping, hugeBatch] {
            guard case .refused(let refusal) = verifier.verify(batch, have: nil, originKey: key.publicKey) else {
                Issue.record("a batch with out-of-range numbers was not refused")
                continue
            }
            #expect(refusal.kind == .malformed)
        }
    }

    @Test func aWholeChainApplies() throws {
        let builder = chain(5)
        let outcome = verifier.verify(try builder.batch(1...5), have: nil, originKey: builder.key.publicKey)
        guard case .apply(let events, let position, let newEpoch) = outcome else { Issue.record("\(outcome)"); return }
        #expect(events.count == 5)
        #expect(position == ChainPosition(epoch: "e1", seq: 5, hash: builder.events[4].hash))
        #expect(!newEpoch)
    }

    @Test func batchesContinueFromThePosition() throws {
        let builder = chain(6)
        let have = ChainPosition(epoch: "e1", seq: 3, hash: builder.events[2].hash)
        guard case .apply(let events, _, _) = verifier.verify(try builder.batch(4...6), have: have, originKey: builder.key.publicKey) else {
            Issue.record("not applied"); return
        }
        #expect(events.map(\.seq) == [4, 5, 6])
        // An overlapping batch applies only what is new.
        guard case .apply(let overlap, _, _) = verifier.verify(try builder.batch(2...6), have: have, originKey: builder.key.publicKey) else {
            Issue.record("not applied"); return
        }
        #expect(overlap.map(\.seq) == [4, 5, 6])
    }

    @Test func aReplayedBatchChangesNothing() throws {
        let builder = chain(4)
        let have = ChainPosition(epoch: "e1", seq: 4, hash: builder.events[3].hash)
        #expect(verifier.verify(try builder.batch(1...2), have: have, originKey: builder.key.publicKey) == .alreadyHeld)
        #expect(verifier.verify(try builder.batch(1...4), have: have, originKey: builder.key.publicKey) == .alreadyHeld)
    }

    @Test func aGapWaitsForTheMissingEvents() throws {
        let builder = chain(6)
        let have = ChainPosition(epoch: "e1", seq: 2, hash: builder.events[1].hash)
        #expect(verifier.verify(try builder.batch(4...6), have: have, originKey: builder.key.publicKey) == .gap(expected: 3, got: 4))
        #expect(verifier.verify(try builder.batch(2...3), have: nil, originKey: builder.key.publicKey) == .gap(expected: 1, got: 2))
    }

    @Test func aRelayAlteringAValueIsRefused() throws {
        let builder = chain(3)
        var batch = try builder.batch(1...3)
        batch.events[1].body = Data(#"{"value":"changed"}"#.utf8)
        guard case .refused(let reason) = verifier.verify(batch, have: nil, originKey: builder.key.publicKey) else {
            Issue.record("accepted"); return
        }
        #expect(reason.kind == .broken && reason.message.contains("altered"))
        // Recomputing the digest and hashes does not help: the origin's signature no longer covers the end.
        var rehashed = try builder.batch(1...3)
        var previous = ChainEvent.genesis
        for index in rehashed.events.indices {
            let event = rehashed.events[index]
            rehashed.events[index] = ChainEvent(
                origin: event.origin, scope: Scope(event.scope)!, epoch: event.epoch, seq: event.seq, signalID: event.signalID,
                revision: event.revision, kind: event.kind, body: index == 1 ? Data(#"{"value":"changed"}"#.utf8) : event.body,
                previousHash: previous)
            previous = rehashed.events[index].hash
        }
        rehashed.head.hash = previous
        guard case .refused(let forged) = verifier.verify(rehashed, have: nil, originKey: builder.key.publicKey) else {
            Issue.record("accepted"); return
        }
        #expect(forged.kind == .unsigned && forged.message.contains("not signed"))
    }

    /// A receiver checks events' hashes and bodies ahead, off its write path: the outcome is the same either way.
    @Test func eventsCheckedAheadGiveTheSameOutcome() throws {
        let builder = chain(3)
        let good = try builder.batch(1...3)
        #expect(good.eventsAreIntact)
        let outcome = verifier.verify(good, have: nil, originKey: builder.key.publicKey)
        #expect(verifier.verify(good, have: nil, originKey: builder.key.publicKey, eventsIntact: good.eventsAreIntact) == outcome)
        var altered = good
        altered.events[1].body = Data(#"{"value":"changed"}"#.utf8)
        var rehashed = good
        rehashed.events[2].revision += 1
        for bad in [altered, rehashed] {
            #expect(!bad.eventsAreIntact)
            let checked = verifier.verify(bad, have: nil, originKey: builder.key.publicKey, eventsIntact: bad.eventsAreIntact)
            #expect(checked == verifier.verify(bad, have: nil, originKey: builder.key.publicKey))
            guard case .refused(let reason) = checked else {
                Issue.record("accepted")
                continue
            }
            #expect(reason.kind == .broken)
        }
    }

    @Test func aForgedOriginIsRefused() throws {
        let builder = chain(2)
        let impostor = P256.Signing.PrivateKey()
        var batch = try builder.batch(1...2)
        batch.head = try ChainHead.sign(builder.events[1], with: impostor)
        #expect(verifier.verify(batch, have: nil, originKey: builder.key.publicKey) == .refused(.init(.unsigned, "The head is not signed by alpha.")))
    }

    @Test func aForkFromTheHeldChainIsRefused() throws {
        let builder = chain(4)
        var other = ChainBuilder(origin: Fixtures.alpha.id, scope: .all)
        for i in 0..<4 { other.append(signal: "T\(i)") }
        let have = ChainPosition(epoch: "e1", seq: 2, hash: other.events[1].hash)
        guard case .refused(let reason) = verifier.verify(try builder.batch(1...4), have: have, originKey: builder.key.publicKey) else {
            Issue.record("accepted"); return
        }
        #expect(reason.kind == .broken && reason.message.contains("forks"))
    }

    @Test func aNewEpochRestartsTheChain() throws {
        var builder = chain(0)
        builder.epoch = "e2"
        builder.append(signal: "S0")
        let have = ChainPosition(epoch: "e1", seq: 40, hash: .test("a"))
        guard case .apply(_, let position, let newEpoch) = verifier.verify(try builder.batch(1...1), have: have, originKey: builder.key.publicKey)
        else {
            Issue.record("not applied"); return
        }
        #expect(newEpoch)
        #expect(position.epoch == "e2")
    }

    @Test func scopesReachOnlyTheirAudience() throws {
        let pilot = chain(1, scope: .allowlist([Fixtures.charlie.id]))
        guard case .refused(let reason) = verifier.verify(try pilot.batch(1...1), have: nil, originKey: pilot.key.publicKey) else {
            Issue.record("bravo accepted charlie's allowlist"); return
        }
        #expect(reason.kind == .notEntitled && reason.message.contains("not entitled"))
        let financial = chain(1, scope: .financial)
        #expect(verifier.verify(try financial.batch(1...1), have: nil, originKey: financial.key.publicKey) != .alreadyHeld)
        if case .apply = verifier.verify(try financial.batch(1...1), have: nil, originKey: financial.key.publicKey) {
            Issue.record("bravo, not opted in, accepted the financial pool")
        }
        let finco = ChainVerifier(receiver: Fixtures.finco, directory: Fixtures.directory)
        let general = chain(1)
        if case .apply = finco.verify(try general.batch(1...1), have: nil, originKey: general.key.publicKey) {
            Issue.record("a financial institution accepted a general signal")
        }
        if case .apply = finco.verify(try financial.batch(1...1), have: nil, originKey: financial.key.publicKey) {
        } else {
            Issue.record("a financial institution refused the financial pool")
        }
    }

    @Test func aFinancialInstitutionCannotAuthor() throws {
        var builder = ChainBuilder(origin: Fixtures.finco.id, scope: .financial)
        builder.append()
        let charlie = ChainVerifier(receiver: Fixtures.charlie, directory: Fixtures.directory)
        guard case .refused(let reason) = charlie.verify(try builder.batch(1...1), have: nil, originKey: builder.key.publicKey) else {
            Issue.record("accepted"); return
        }
        #expect(reason.kind == .notEntitled && reason.message.contains("financial institution"))
    }

    @Test func eventsMustBelongToTheHeadsChain() throws {
        let builder = chain(2)
        var batch = try builder.batch(1...2)
        batch.events[0].scope = "financial"
        if case .apply = verifier.verify(batch, have: nil, originKey: builder.key.publicKey) { Issue.record("accepted a mixed batch") }
        var empty = try builder.batch(1...1)
        empty.events = []
        #expect(verifier.verify(empty, have: nil, originKey: builder.key.publicKey) == .refused(.init(.malformed, "The batch has no events.")))
    }
}

@Suite struct VersionVectorTests {
    let alpha = Fixtures.alpha.id
    let bravo = Fixtures.bravo.id

    @Test func wantsWhatTheOfferHasBeyondThePosition() {
        var have = VersionVector()
        have.advance(alpha, to: ChainPosition(epoch: "e1", seq: 5, hash: .test("h5")))
        have.advance(alpha, to: ChainPosition(epoch: "e1", seq: 3, hash: .test("h3")))
        #expect(have[alpha]?.seq == 5)
        let offer = VersionVector([
            alpha: ChainPosition(epoch: "e1", seq: 9, hash: .test("h9")), bravo: ChainPosition(epoch: "b1", seq: 2, hash: .test("x")),
        ])
        #expect(have.wants(from: offer) == [alpha: .from(seq: 6, epoch: "e1"), bravo: .from(seq: 1, epoch: "b1")])
        let stale = VersionVector([alpha: ChainPosition(epoch: "e1", seq: 2, hash: .test("h2"))])
        #expect(have.wants(from: stale).isEmpty)
        let restored = VersionVector([alpha: ChainPosition(epoch: "e2", seq: 1, hash: .test("n1"))])
        #expect(have.wants(from: restored) == [alpha: .from(seq: 1, epoch: "e2")])
    }

    @Test func scopesHaveOneCanonicalName() {
        let pilot = Scope.allowlist([Fixtures.charlie.id, Fixtures.bravo.id])
        #expect(pilot.description == "allow:bravo,charlie")
        #expect(Scope("allow:bravo,charlie") == pilot)
        #expect(Scope("allow:charlie,bravo") == nil)
        #expect(Scope("allow:") == nil)
        #expect(Scope("everyone") == nil)
        #expect(Scope("financial") == .financial)
    }
}
