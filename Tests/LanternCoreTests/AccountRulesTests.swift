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

    @Test func throttleLimitsFailuresPerAccountAndPerAddressAndWaitingHelps() {
        var throttle = LoginThrottle(limits: .init(attempts: 3, window: 60))
        let start = Date(timeIntervalSince1970: 1_000_000)
        for i in 0..<3 {
            #expect(throttle.wait(account: "ana", address: "10.0.0.\(i)", now: start) == nil)
            throttle.recordFailure(account: "ana", address: "10.0.0.\(i)", now: start)
        }
        // A fourth try at the account, from a new address, waits out the window.
        #expect(throttle.wait(account: "ana", address: "10.0.0.9", now: start.addingTimeInterval(1)) == 59)
        // Another account from one address: three failures, then that address waits too.
        for name in ["b1", "b2", "b3"] { throttle.recordFailure(account: name, address: "10.9.9.9", now: start) }
        #expect(throttle.wait(account: "b4", address: "10.9.9.9", now: start) != nil)
        #expect(throttle.wait(account: "ana", address: "10.0.0.9", now: start.addingTimeInterval(61)) == nil)
        // Asking is free: only failures count.
        for _ in 0..<100 { _ = throttle.wait(account: "cy", address: "10.1.1.1", now: start) }
        #expect(throttle.wait(account: "cy", address: "10.1.1.1", now: start) == nil)
    }

    @Test func throttleHoldsABoundedNumberOfKeys() {
        var throttle = LoginThrottle(limits: .init(maximumKeys: 100))
        let now = Date(timeIntervalSince1970: 1_000_000)
        for i in 0..<1_000 { throttle.recordFailure(account: "u\(i)", address: "a\(i)", now: now.addingTimeInterval(Double(i))) }
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
