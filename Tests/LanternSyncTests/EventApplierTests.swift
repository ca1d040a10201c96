import Foundation
import LanternCore
import LanternTesting
import Testing

@testable import LanternSync

@Suite struct EventApplierTests {
    let alpha = Fixtures.alpha.id

    func event(
        _ kind: ChainEvent.Kind, revision: UInt64, signal: String = Fixtures.signalID(1).rawValue, scope: Scope = .all, body: Data? = Data("{}".utf8),
        origin: ParticipantID? = nil
    ) -> ChainEvent {
        ChainEvent(
            origin: origin ?? alpha, scope: scope, epoch: "e", seq: revision, signalID: signal, revision: revision, kind: kind, body: body,
            previousHash: ChainEvent.genesis)
    }

    func kinds(_ actions: [ApplyAction]) -> [String] {
        actions.map { action in
            switch action {
            case .store: "store"
            case .remove: "remove"
            case .retract: "retract"
            case .skip(_, let reason): "skip:\(reason.rawValue)"
            }
        }
    }

    @Test func higherRevisionsWin() {
        let actions = EventApplier.plan([event(.upsert, revision: 2), event(.upsert, revision: 1), event(.upsert, revision: 3)]) { _ in .absent }
        #expect(kinds(actions) == ["store", "skip:stale", "store"])
        let held = EventApplier.plan([event(.upsert, revision: 4)]) { _ in .live(origin: alpha, revision: 4) }
        #expect(kinds(held) == ["skip:stale"])
    }

    @Test func aRemovalIsFinal() {
        let actions = EventApplier.plan([event(.remove, revision: 5), event(.upsert, revision: 9), event(.remove, revision: 10)]) { _ in
            .live(origin: alpha, revision: 2)
        }
        #expect(kinds(actions) == ["remove", "skip:removed", "skip:removed"])
        let stale = EventApplier.plan([event(.upsert, revision: 100)]) { _ in .removed }
        #expect(kinds(stale) == ["skip:removed"])
    }

    @Test func anAudienceChangeSeenFromTwoScopesLeavesTheSignalLive() {
        let pilot = Scope.allowlist([Fixtures.bravo.id])
        let retractFirst = EventApplier.plan([event(.retract, revision: 7), event(.upsert, revision: 7, scope: pilot)]) { _ in
            .live(origin: alpha, revision: 3)
        }
        #expect(kinds(retractFirst) == ["retract", "store"])
        let upsertFirst = EventApplier.plan([event(.upsert, revision: 7, scope: pilot), event(.retract, revision: 7)]) { _ in
            .live(origin: alpha, revision: 3)
        }
        #expect(kinds(upsertFirst) == ["store", "skip:stale"])
    }

    @Test func aRetractedSignalDoesNotComeBackFromAStaleRelay() {
        let actions = EventApplier.plan([event(.retract, revision: 7), event(.upsert, revision: 6), event(.upsert, revision: 8)]) { _ in .absent }
        #expect(kinds(actions) == ["retract", "skip:stale", "store"])
    }

    @Test func purgedBodiesAndForeignOriginsAreSkipped() {
        #expect(kinds(EventApplier.plan([event(.upsert, revision: 2, body: nil)]) { _ in .absent }) == ["skip:purged"])
        // A copy held from another origin under an id this origin made (one only an older node could have stored).
        let charlies = Fixtures.signalID(5, origin: Fixtures.charlie.id).rawValue
        let foreign = EventApplier.plan([event(.remove, revision: 9, signal: charlies, origin: Fixtures.charlie.id)]) { _ in
            .live(origin: alpha, revision: 1)
        }
        #expect(kinds(foreign) == ["skip:foreignOrigin"])
    }

    @Test func onlyTheOriginThatMadeAnIdSpeaksForIt() {
        let charlie = Fixtures.charlie.id
        // Charlie's chain about alpha's id, whatever the receiver holds: before alpha's copy arrived, beside it, after
        // it was removed. Nothing is done, and alpha's own upsert then applies.
        for state in [LocalSignalState.absent, .live(origin: alpha, revision: 1), .retracted(origin: alpha, revision: 1)] {
            let attack = [
                event(.upsert, revision: 50, origin: charlie), event(.remove, revision: 51, origin: charlie),
                event(.retract, revision: 52, origin: charlie),
            ]
            #expect(kinds(EventApplier.plan(attack) { _ in state }) == ["skip:notOwner", "skip:notOwner", "skip:notOwner"])
        }
        let honest = EventApplier.plan([event(.upsert, revision: 50, origin: charlie), event(.upsert, revision: 2)]) { _ in .absent }
        #expect(kinds(honest) == ["skip:notOwner", "store"])
        // Ids that are not ids at all, or not in canonical form, belong to nobody.
        for malformed in ["S", "", Fixtures.signalID(1).rawValue.lowercased()] {
            #expect(kinds(EventApplier.plan([event(.upsert, revision: 1, signal: malformed)]) { _ in .absent }) == ["skip:notOwner"])
        }
    }
}
