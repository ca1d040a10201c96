import LanternCore
import Testing

@testable import LanternServer

/// One peer cannot take every worker of the node: past its limit it is turned away, and other peers are not.
@Suite struct InFlightRequestsTests {
    @Test func aPeerPastItsLimitIsTurnedAwayAndOthersAreNot() {
        let inFlight = InFlightRequests(limit: 4)
        let bravo = ParticipantID("bravo")!
        let charlie = ParticipantID("charlie")!
        #expect((0..<4).allSatisfy { _ in inFlight.enter(bravo) })
        #expect(!inFlight.enter(bravo))
        #expect(inFlight.enter(charlie))
        inFlight.leave(bravo)
        #expect(inFlight.enter(bravo))
        #expect(!inFlight.enter(bravo))
    }
}
