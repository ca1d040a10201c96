import Foundation
import LanternCore
import Testing

@Suite struct AccountRulesTests {
    @Test func userNamesAreLowerCaseAndNamed() throws {
        #expect(try Username(validating: "ana.ortiz").rawValue == "ana.ortiz")
        for bad in ["a", "Ana", "1ana", "ana ortiz", "ana@example", String(repeating: "a", count: 65), "аna"] {
            #expect(throws: ValidationError.self) { try Username(validating: bad, field: "user") }
        }
        #expect(throws: ValidationError(field: "user", reason: "A user name starts with a lower-case letter.")) {
            try Username(validating: "Ana", field: "user")
        }
    }

    @Test func passwordsAreLongAndNotTheName() throws {
        let rules = PasswordRules()
        let ana = try Username(validating: "ana")
        let anabel = try Username(validating: "anabel")
        try rules.check("correct horse battery", for: ana)
        // A short name may be part of a password (it is in too many words); a longer one may not.
        try rules.check("banana republic", for: ana)
        #expect(throws: ValidationError.self) { try rules.check("short", for: ana) }
        #expect(throws: ValidationError.self) { try rules.check("ana", for: ana) }
        #expect(throws: ValidationError.self) { try rules.check("my name is anabel!!", for: anabel) }
        #expect(throws: ValidationError.self) { try rules.check(String(repeating: "ab", count: 10), for: ana) }
        // bcrypt reads 72 bytes: a longer password is refused rather than silently cut.
        #expect(throws: ValidationError.self) { try rules.check(String(repeating: "é", count: 40) + "xyz", for: ana) }
    }

    @Test func throttleLimitsFailuresPerPairAddressAndAccountAndWaitingHelps() {
        var throttle = LoginThrottle(limits: .init(attempts: 2, window: 60))
        let start = Date(timeIntervalSince1970: 1_000_000)
        // Two failures for one account from one address, then that pair waits.
        for _ in 0..<2 { #expect(throttle.reserve(account: "ana", address: "10.0.0.1", now: start) == nil) }
        #expect(throttle.reserve(account: "ana", address: "10.0.0.1", now: start.addingTimeInterval(1)) == 59)
        // The same person from another address is not held up by the stranger's failures...
        #expect(throttle.reserve(account: "ana", address: "10.0.0.2", now: start) == nil)
        // ...until the account's own ceiling (ten times the pair's) is reached from everywhere.
        for i in 3..<20 { _ = throttle.reserve(account: "ana", address: "10.0.1.\(i)", now: start) }
        #expect(throttle.reserve(account: "ana", address: "10.0.9.9", now: start) != nil)
        // One address trying many accounts waits after four times the pair's limit.
        for i in 0..<8 { #expect(throttle.reserve(account: "u\(i)", address: "10.9.9.9", now: start) == nil) }
        #expect(throttle.reserve(account: "u9", address: "10.9.9.9", now: start) != nil)
        #expect(throttle.reserve(account: "ana", address: "10.0.0.1", now: start.addingTimeInterval(61)) == nil)
    }

    @Test func aSuccessSpendsNothing() {
        var throttle = LoginThrottle(limits: .init(attempts: 2, window: 60))
        let start = Date(timeIntervalSince1970: 1_000_000)
        for i in 0..<10 {
            let at = start.addingTimeInterval(Double(i))
            #expect(throttle.reserve(account: "cy", address: "10.1.1.1", now: at) == nil)
            throttle.forgive(account: "cy", address: "10.1.1.1", reservedAt: at)
        }
        #expect(throttle.keyCount == 0)
    }

    @Test func throttleHoldsABoundedNumberOfKeys() {
        var throttle = LoginThrottle(limits: .init(maximumKeys: 100))
        let now = Date(timeIntervalSince1970: 1_000_000)
        for i in 0..<1_000 { _ = throttle.reserve(account: "u\(i)", address: "a\(i)", now: now.addingTimeInterval(Double(i))) }
        #expect(throttle.keyCount <= 100)
    }

    @Test func sessionsEndWhenIdleAtTheirAgeOrWithoutSecondFactor() {
        let policy = SessionPolicy(idleTimeout: 600, absoluteTimeout: 3600, secondFactorTimeout: 120)
        let start = Date(timeIntervalSince1970: 1_000_000)
        #expect(policy.expiry(createdAt: start, lastSeenAt: start, complete: true, now: start.addingTimeInterval(599)) == nil)
        #expect(policy.expiry(createdAt: start, lastSeenAt: start, complete: true, now: start.addingTimeInterval(601)) == .idleTimeout)
        #expect(
            policy.expiry(createdAt: start, lastSeenAt: start.addingTimeInterval(3500), complete: true, now: start.addingTimeInterval(3601))
                == .absoluteTimeout)
        #expect(policy.expiry(createdAt: start, lastSeenAt: start, complete: false, now: start.addingTimeInterval(121)) == .secondFactorTimeout)
    }

    @Test func rolesDecideWhoChangesAndWhoAudits() {
        #expect(UserRole.auditor.mayChangeSignals == false)
        #expect(UserRole.auditor.mayReadAudit)
        #expect(UserRole.investigator.mayReadAudit == false)
        #expect(UserRole.admin.mayAdminister && !UserRole.investigator.mayAdminister)
        #expect(Set<TokenRole>.writers.contains(UserRole.auditor.tokenRole) == false)
        #expect(Set<TokenRole>.readers.contains(.auditor))
    }

    @Test func hexRoundTrips() {
        #expect(Hex.decode(Hex.encode([0, 1, 0xab, 0xff])) == [0, 1, 0xab, 0xff])
        #expect(Hex.decode("AbCd") == [0xab, 0xcd])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }
}
