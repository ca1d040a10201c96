import Crypto
import Foundation
import LanternCore
import LanternSync
import LanternTesting
import Testing

@testable import LanternStore

/// Only tech participants that opted in to the financial pool share with it: the author's validator refuses the
/// others, and every receiver refuses their pool signals whatever the author's node did, while their removals
/// still apply.
@Suite struct FinancialPoolTests {
    let directories: [TemporaryDirectory]
    let pump = ChainPump(participants: [Fixtures.alpha.id, Fixtures.bravo.id])

    init() throws {
        directories = try (0..<4).map { _ in try TemporaryDirectory() }
    }

    func poolSignal(_ n: UInt64, by author: Participant, validator: SignalValidator) throws(ValidationError) -> Signal {
        var draft = Fixtures.financialDraft()
        draft.value = "$Handle\(n)"
        return try validator.validateNew(draft, id: Fixtures.signalID(n, origin: author.id), author: author.id, now: Fixtures.now)
    }

    @Test func anAuthorOutsideThePoolIsRefusedOnTheAudienceField() throws {
        do {
            _ = try poolSignal(1, by: Fixtures.bravo, validator: Fixtures.validator())
            Issue.record("bravo, outside the pool, shared with it")
        } catch {
            #expect(error.field == "audience")
            #expect(error.reason.contains("not opted in to the financial pool"))
        }
        #expect(try poolSignal(1, by: Fixtures.alpha, validator: Fixtures.validator()).audience == .financial)
    }

    @Test func receiversRefusePoolSignalsFromOutsideThePoolAndStillApplyTheirRemovals() throws {
        // bravo's node believes bravo is in the pool (an outdated registry, or a hostile node).
        let believed = ParticipantDirectory(
            Fixtures.directory.sorted.map { $0.id == Fixtures.bravo.id ? Participant(id: $0.id, role: .tech, financialPoolOptIn: true) : $0 })
        let bravo = try Fixtures.store(in: directories[0], as: Fixtures.bravo)
        let alpha = try Fixtures.store(in: directories[1], as: Fixtures.alpha)
        let charlie = try Fixtures.store(in: directories[2], as: Fixtures.charlie)
        let outsider = try poolSignal(1, by: Fixtures.bravo, validator: SignalValidator(taxonomy: .builtIn, directory: believed))
        try bravo.signals.addLocal([outsider])
        try alpha.signals.addLocal([try poolSignal(2, by: Fixtures.alpha, validator: Fixtures.validator())])
        try pump.pull(from: bravo, to: charlie, as: Fixtures.charlie)
        try pump.pull(from: alpha, to: charlie, as: Fixtures.charlie)
        let held = try charlie.signals.page(matching: SignalQuery()).signals.map(\.signal.origin)
        #expect(held == [Fixtures.alpha.id])

        // The refusal is counted; a removal from the same chain still applies (it would purge a copy taken while
        // bravo was in the pool).
        try bravo.chains.build()
        let events = try bravo.chains.events(origin: Fixtures.bravo.id, scope: .financial, after: 0)
        let key = try #require(pump.keys[Fixtures.bravo.id])
        let batch = ChainBatch(events: events, head: try ChainHead.sign(try #require(events.last), with: key))
        let outcome = ChainVerifier(receiver: Fixtures.charlie, directory: Fixtures.directory).verify(batch, have: nil, originKey: key.publicKey)
        guard case .apply(let fresh, let position, let newEpoch) = outcome else {
            Issue.record("the verifier refused the batch: \(outcome)")
            return
        }
        let receiver = try Fixtures.store(in: directories[3], as: Fixtures.charlie)
        let summary = try receiver.chains.applyBatch(
            origin: Fixtures.bravo.id, scope: .financial, events: fresh, head: batch.head, position: position, newEpoch: newEpoch)
        #expect(summary.notInPool == 1 && summary.stored == 0)
        #expect(
            EventApplier.plan(events, upserts: false, state: { _ in .live(origin: Fixtures.bravo.id, revision: 0) }).allSatisfy {
                if case .skip(_, reason: .notInPool) = $0 { true } else { false }
            })
        let removal = ChainEvent(
            origin: Fixtures.bravo.id, scope: .financial, epoch: "e", seq: 1, signalID: outsider.id.rawValue, revision: outsider.revision + 1,
            kind: .remove, body: nil, previousHash: ChainEvent.genesis)
        #expect(EventApplier.plan([removal], upserts: false, state: { _ in .live(origin: Fixtures.bravo.id, revision: 0) }) == [.remove(0)])
    }
}
