import Foundation
import LanternCore
import LanternTesting
import Testing

@testable import LanternPKI

@Suite struct CAStateTests {
    let alpha = ParticipantRegistry.Entry(id: ParticipantID("alpha")!, role: .tech)
    let finco = ParticipantRegistry.Entry(id: ParticipantID("finco")!, role: .financial)

    @Test func registriesFollowIssuanceAndRevocation() throws {
        var state = CAState()
        state.recordIssued(finco, serial: "0f")
        state.recordIssued(alpha, serial: "0a")
        state.recordIssued(alpha, serial: "0b")
        let first = state.nextRegistry(now: Fixtures.now)
        #expect(first.version == 1)
        #expect(first.participants.map(\.id.rawValue) == ["alpha", "finco"])
        #expect(first.revokedSerials.isEmpty)

        try state.revoke(serial: "0A")
        #expect(throws: PKIError.self) { try state.revoke(serial: "0a") }
        #expect(throws: PKIError.self) { try state.revoke(serial: "ff") }
        #expect(try state.revoke(participant: ParticipantID("finco")!) == ["0f"])
        #expect(throws: PKIError.self) { try state.revoke(participant: ParticipantID("finco")!) }

        let second = state.nextRegistry(now: Fixtures.now)
        #expect(second.version == 2)
        #expect(second.participants.map(\.id.rawValue) == ["alpha"])
        #expect(second.revokedSerials == ["0a", "0f"])
        #expect(second.isRevoked(serial: "0a"))
        #expect(!second.isRevoked(serial: "0b"))
    }

    @Test func stateRoundTripsThroughJSON() throws {
        var state = CAState()
        state.recordIssued(alpha, serial: "01")
        _ = state.nextRegistry(now: Fixtures.now)
        let data = try JSONEncoder().encode(state)
        #expect(try JSONDecoder().decode(CAState.self, from: data) == state)
    }
}
