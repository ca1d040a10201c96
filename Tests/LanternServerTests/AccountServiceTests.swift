import Foundation
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Synchronization
import Testing

@Suite struct AccountServiceTests {
    let directory: TemporaryDirectory
    let store: NodeStore
    final class Clock: Sendable {
        let time = Mutex(Fixtures.now)
    }
    let clock = Clock()
    let accounts: AccountService

    init() throws {
        directory = try TemporaryDirectory()
        store = try Fixtures.store(in: directory)
        let clock = self.clock
        accounts = AccountService(
            store: store, configuration: AccountConfiguration(bcryptCost: 4, throttle: .init(attempts: 20, window: 60, lockAfter: 4)),
            clock: { clock.time.withLock { $0 } })
    }

    func advance(_ seconds: TimeInterval) { clock.time.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var now: Date { clock.time.withLock { $0 } }

    /// Adds `name` and takes them through the first login. - Returns: the session id, the app and the codes.
    func enrolled(
        _ name: String, role: UserRole = .investigator
    ) async throws -> (
        session: String, app: TestAuthenticator, recovery: [String], temporary: String
    ) {
        let (_, password) = try await accounts.addUser(name: name, role: role, by: .home, address: "local")
        let (pending, next) = try await accounts.login(name: name, password: password, address: "10.0.0.1", userAgent: "test")
        #expect(next == .enrol)
        let offer = try accounts.beginEnrolment(sessionID: pending)
        #expect(offer.address.hasPrefix("otpauth://totp/LanternNode:\(name)?secret="))
        #expect(try accounts.pendingEnrolment(sessionID: pending) == offer)
        let app = TestAuthenticator(base32: offer.key)
        let (codes, session) = try accounts.confirmEnrolment(sessionID: pending, code: app.code(at: now), address: "10.0.0.1")
        #expect(codes.count == 10 && Set(codes).count == 10)
        #expect(session != pending)
        #expect(try accounts.activeSession(pending) == nil)
        return (session, app, codes, password)
    }

    @Test func firstLoginEnrolsAndTheSessionStartsOnlyAfterTheSecondFactor() async throws {
        let (_, password) = try await accounts.addUser(name: "ana", role: .investigator, by: .home, address: "local")
        let (pending, _) = try await accounts.login(name: "ana", password: password, address: "10.0.0.1", userAgent: "test")
        // Passing the password alone gives no session a page accepts.
        #expect(try accounts.activeSession(pending)?.session.complete == false)
        let offer = try accounts.beginEnrolment(sessionID: pending)
        #expect(throws: AccountError.badCode) { try accounts.confirmEnrolment(sessionID: pending, code: "000000", address: "x") }
        let app = TestAuthenticator(base32: offer.key)
        let (_, session) = try accounts.confirmEnrolment(sessionID: pending, code: app.code(at: now), address: "x")
        let active = try #require(try accounts.activeSession(session))
        #expect(active.session.complete && active.user.name.rawValue == "ana" && active.user.hasSecondFactor)
        #expect(active.user.mustChangePassword)
    }

    @Test func wrongPasswordsSlowDownWrongCodesLockAndEveryRefusalLooksTheSame() async throws {
        let ben = try await enrolled("ben")
        let password = "correct horse battery staple"
        try await accounts.changePassword(
            session: try #require(try accounts.activeSession(ben.session)), current: ben.temporary, new: password, address: "a")
        await #expect(throws: AccountError.badCredentials) {
            try await accounts.login(name: "nobody", password: "whatever", address: "10.0.0.2", userAgent: "t")
        }
        await #expect(throws: AccountError.badCredentials) {
            try await accounts.login(name: "Not A Name <b>", password: "whatever", address: "10.0.0.2", userAgent: "t")
        }
        // Wrong passwords never lock the account: anyone could lock anyone out by name.
        for _ in 0..<6 {
            await #expect(throws: AccountError.badCredentials) {
                try await accounts.login(name: "ben", password: "wrong password", address: "10.0.0.2", userAgent: "t")
            }
        }
        #expect(try accounts.user(named: "ben")?.lockedAt == nil)
        // Wrong codes after the right password do: four here, and the account's sessions end with the lock.
        advance(30)
        for _ in 0..<4 {
            let (pending, _) = try await accounts.login(name: "ben", password: password, address: "10.0.0.3", userAgent: "t")
            #expect(throws: AccountError.badCode) { try accounts.passSecondFactor(sessionID: pending, code: "000000", address: "10.0.0.3") }
        }
        #expect(try accounts.user(named: "ben")?.lockedAt != nil)
        #expect(try accounts.activeSession(ben.session) == nil)
        // Locked: the right password gets the same answer as a wrong one, so a guesser cannot tell.
        await #expect(throws: AccountError.badCredentials) {
            try await accounts.login(name: "ben", password: password, address: "10.0.0.4", userAgent: "t")
        }
        _ = try accounts.unlock(name: "ben", by: .user("root"), address: "local")
        _ = try await accounts.login(name: "ben", password: password, address: "10.0.0.4", userAgent: "t")
        let failures = try store.audit.page(AuditFilter(action: .loginFailed), limit: 20).map(\.entry)
        #expect(
            failures.map { $0.detail["reason"] } == ["locked"] + Array(repeating: "second_factor", count: 4) + Array(repeating: "password", count: 6)
                + ["unknown_user", "unknown_user"])
        // Names that are no user's are kept only as digests: they may be passwords typed in the wrong field.
        #expect(failures.suffix(2).allSatisfy { $0.targets.first?.hasPrefix("hmac:") == true })
        #expect(try store.audit.page(AuditFilter(action: .userLock), limit: 5).count == 1)
        #expect(try store.audit.verify().isIntact)
    }

    @Test func theThrottleHoldsAStrangerNotThePerson() async throws {
        let clock = self.clock
        let strict = AccountService(
            store: store, configuration: AccountConfiguration(bcryptCost: 4, throttle: .init(attempts: 2, window: 60)),
            clock: { clock.time.withLock { $0 } })
        let (_, password) = try await strict.addUser(name: "hal", role: .investigator, by: .home, address: "local")
        // Logins that succeed spend nothing.
        for _ in 0..<4 { _ = try await strict.login(name: "hal", password: password, address: "10.0.0.1", userAgent: "t") }
        // A stranger's failures hold that stranger's address...
        for _ in 0..<2 {
            await #expect(throws: AccountError.badCredentials) {
                try await strict.login(name: "hal", password: "guess", address: "10.6.6.6", userAgent: "t")
            }
        }
        await #expect(throws: AccountError.self) { try await strict.login(name: "hal", password: password, address: "10.6.6.6", userAgent: "t") }
        // ...not the person at theirs.
        _ = try await strict.login(name: "hal", password: password, address: "10.0.0.1", userAgent: "t")
        // Attempts sent at once are counted before any password is checked: at most two of these get past.
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    do {
                        _ = try await strict.login(name: "hal", password: "guess", address: "10.7.7.7", userAgent: "t")
                        return true
                    } catch let error as AccountError { return error.retryAfter == nil } catch { return false }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 2)
    }

    @Test func aCodeWorksOnceAndARecoveryCodeOnce() async throws {
        let (_, app, codes, password) = try await enrolled("cy", role: .auditor)
        advance(30)
        let (second, next) = try await accounts.login(name: "cy", password: password, address: "a", userAgent: "t")
        #expect(next == .secondFactor)
        let code = app.code(at: now)
        let session = try accounts.passSecondFactor(sessionID: second, code: code, address: "a")
        #expect(try accounts.activeSession(session)?.session.complete == true)
        // The same code again, in another login, is a replay.
        let (third, _) = try await accounts.login(name: "cy", password: password, address: "a", userAgent: "t")
        #expect(throws: AccountError.badCode) { try accounts.passSecondFactor(sessionID: third, code: code, address: "a") }
        let recovered = try accounts.passSecondFactor(sessionID: third, code: codes[0].uppercased(), address: "a")
        #expect(try accounts.activeSession(recovered) != nil)
        let (fourth, _) = try await accounts.login(name: "cy", password: password, address: "a", userAgent: "t")
        #expect(throws: AccountError.badCode) { try accounts.passSecondFactor(sessionID: fourth, code: codes[0], address: "a") }
        #expect(try accounts.recoveryCodesLeft(for: try #require(try accounts.user(named: "cy"))) == 9)
    }

    @Test func sessionsEndAtTimeoutsAndWhenTheUserIsDisabledOrReset() async throws {
        let first = try await enrolled("dee")
        #expect(try accounts.activeSession(first.session) != nil)
        advance(31 * 60)
        #expect(try accounts.activeSession(first.session) == nil)
        let second = try await enrolled("eve")
        _ = try accounts.setDisabled(true, name: "eve", by: .user("root"), address: "local")
        #expect(try accounts.activeSession(second.session) == nil)
        _ = try accounts.setDisabled(false, name: "eve", by: .user("root"), address: "local")
        #expect(try accounts.activeSession(second.session) == nil)
        let third = try await enrolled("fay")
        let (user, password) = try await accounts.reset(name: "fay", by: .user("root"), address: "local")
        #expect(try accounts.activeSession(third.session) == nil)
        #expect(user.hasSecondFactor == false && user.mustChangePassword)
        let (_, next) = try await accounts.login(name: "fay", password: password, address: "a", userAgent: "t")
        #expect(next == .enrol)
    }

    @Test func changingThePasswordEndsOtherSessions() async throws {
        let (one, app, _, password) = try await enrolled("gus", role: .admin)
        advance(30)
        let (pending2, _) = try await accounts.login(name: "gus", password: password, address: "b", userAgent: "t")
        let two = try accounts.passSecondFactor(sessionID: pending2, code: app.code(at: now), address: "b")
        let active = try #require(try accounts.activeSession(two))
        #expect(try accounts.sessions(of: active.user).count == 2)
        await #expect(throws: ValidationError.self) {
            try await accounts.changePassword(session: active, current: password, new: "short", address: "b")
        }
        await #expect(throws: AccountError.self) {
            try await accounts.changePassword(session: active, current: "not it", new: "a much longer passphrase", address: "b")
        }
        await #expect(throws: ValidationError.self) {
            try await accounts.changePassword(session: active, current: password, new: password, address: "b")
        }
        try await accounts.changePassword(session: active, current: password, new: "a much longer passphrase", address: "b")
        #expect(try accounts.activeSession(one) == nil)
        #expect(try accounts.activeSession(two)?.user.mustChangePassword == false)
        #expect(try store.audit.page(AuditFilter(action: .passwordChange), limit: 5).count == 1)
    }
}
