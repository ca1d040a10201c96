import Foundation
import LanternTesting
import Testing

@testable import LanternCore

@Suite struct DomainTests {
    @Test func signalIDsRoundTripAndSortByTime() {
        var generator = SystemRandomNumberGenerator()
        let early = SignalID.generate(milliseconds: 1_000_000, using: &generator)
        let late = SignalID.generate(milliseconds: 2_000_000, using: &generator)
        #expect(early < late)
        #expect(SignalID(early.rawValue) == early)
        #expect(SignalID(early.rawValue.lowercased()) == early)
        #expect(early.rawValue.count == 26)
        #expect(SignalID("not-an-id") == nil)
        #expect(SignalID("8ZZZZZZZZZZZZZZZZZZZZZZZZZ") == nil)
        #expect(SignalID("01ARZ3NDEKTSV4RRFFQ69G5FAI") == nil)  // I is not Crockford
    }

    @Test func signalIDCharacterCheckIsCrockfordsAlphabet() {
        for byte in UInt8.min...UInt8.max {
            #expect(SignalID.isAlphabet(byte) == SignalID.alphabet.contains(byte), "byte \(byte)")
        }
        #expect(SignalID("01arz3ndektsv4rrffq69g5fav")?.rawValue == "01ARZ3NDEKTSV4RRFFQ69G5FAV")
        #expect(SignalID("01ARZ3NDEKTSV4RRFFQ69G5FA") == nil)
        #expect(SignalID("01ARZ3NDEKTSV4RRFFQ69G5FAVV") == nil)
    }

    @Test func participantIDsAreValidated() {
        #expect(ParticipantID("bank-one") != nil)
        #expect(ParticipantID("Alpha") == nil)
        #expect(ParticipantID("-alpha") == nil)
        #expect(ParticipantID("") == nil)
        #expect(ParticipantID(String(repeating: "a", count: 65)) == nil)
    }

    @Test func audiencesParse() throws {
        #expect(try Audience.parse("all") == .all)
        #expect(try Audience.parse(" financial ") == .financial)
        #expect(try Audience.parse("bravo, charlie") == .allowlist([ParticipantID("bravo")!, ParticipantID("charlie")!]))
        #expect(throws: ValueError.self) { try Audience.parse("") }
        #expect(throws: ValueError.self) { try Audience.parse("bravo,,charlie") }
    }

    @Test func whoReceivesWhat() {
        let origin = Fixtures.alpha.id
        let bravoOnly = Audience.allowlist([Fixtures.bravo.id])
        #expect(AccessPolicy.mayReceive(.all, origin: origin, participant: Fixtures.bravo))
        #expect(!AccessPolicy.mayReceive(.all, origin: origin, participant: Fixtures.finco))
        #expect(AccessPolicy.mayReceive(bravoOnly, origin: origin, participant: Fixtures.bravo))
        #expect(!AccessPolicy.mayReceive(bravoOnly, origin: origin, participant: Fixtures.charlie))
        #expect(AccessPolicy.mayReceive(bravoOnly, origin: origin, participant: Fixtures.alpha))
        #expect(AccessPolicy.mayReceive(.financial, origin: origin, participant: Fixtures.finco))
        #expect(AccessPolicy.mayReceive(.financial, origin: origin, participant: Fixtures.charlie))
        #expect(!AccessPolicy.mayReceive(.financial, origin: origin, participant: Fixtures.bravo))
    }

    @Test func onlyTheOriginModifies() throws {
        try AccessPolicy.checkMayModify(signalOrigin: Fixtures.alpha.id, actor: Fixtures.alpha)
        #expect(throws: PolicyError.self) { try AccessPolicy.checkMayModify(signalOrigin: Fixtures.alpha.id, actor: Fixtures.bravo) }
        #expect(throws: PolicyError.self) { try AccessPolicy.checkMayModify(signalOrigin: Fixtures.finco.id, actor: Fixtures.finco) }
    }

    @Test func retentionIsPerTypeAndConfigurable() throws {
        var policy = RetentionPolicy()
        #expect(policy.retentionDays(for: .email) == 730)
        #expect(policy.retentionDays(for: .pdq) == 1825)
        policy.days["email"] = 30
        #expect(try policy.validated().retentionDays(for: .email) == 30)
        policy.days["emial"] = 30
        #expect(throws: ValidationError.self) { try policy.validated() }
        policy = RetentionPolicy()
        policy.days["url"] = 0
        #expect(throws: ValidationError.self) { try policy.validated() }
    }

    @Test func timestampsParseRFC3339AndPlainDates() {
        #expect(Timestamp.parse("2026-01-31T12:00:00Z") == Date(timeIntervalSince1970: 1_769_860_800))
        #expect(Timestamp.parse("2026-01-31T12:00:00.500Z") == Date(timeIntervalSince1970: 1_769_860_800.5))
        #expect(Timestamp.parse("2026-01-31") == Date(timeIntervalSince1970: 1_769_817_600))
        #expect(Timestamp.parse("31/01/2026") == nil)
    }

    @Test func hexTextIsLowercaseTwoDigitsPerByte() {
        let bytes: [UInt8] = [0x00, 0x9f, 0xa0, 0xff]
        #expect(Hex.encode(bytes) == "009fa0ff")
    }
}
