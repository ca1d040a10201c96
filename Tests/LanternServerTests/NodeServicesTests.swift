import Foundation
import LanternCore
import LanternServer
import LanternStore
import LanternSync
import LanternTesting
import Logging
import Testing

@Suite struct NodeServicesTests {
    /// A clock the test moves by hand.
    final class TestClock: @unchecked Sendable {
        var now = Fixtures.now
    }

    @Test func theSweeperRemovesWhatExpiredWhateverItsOrigin() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let clock = TestClock()
        var retention = RetentionPolicy()
        retention.days["email"] = 30
        let service = try SignalService(store: store, retention: retention, clock: { clock.now })
        var email = Fixtures.urlDraft()
        email.type = "email"
        email.value = "someone@example.com"
        let mine = try service.create(email)
        let url = try service.create(Fixtures.urlDraft())
        var theirs = try service.validator.validateNew(
            email, id: Fixtures.signalID(9, origin: Fixtures.bravo.id), author: Fixtures.bravo.id, now: clock.now)
        theirs.revision = 1
        try store.chains.applyReceivedSignal(theirs)
        #expect(mine.expiresAt == Fixtures.now.addingTimeInterval(30 * 86_400))

        let sweeper = RetentionSweeper(service: service, interval: .seconds(60), logger: Logger(label: "test"))
        #expect(sweeper.sweepOnce() == 0)
        clock.now = Fixtures.now.addingTimeInterval(31 * 86_400)
        #expect(sweeper.sweepOnce() == 2)
        #expect(try store.signals.signal(mine.id) == nil)
        #expect(try store.signals.signal(theirs.id) == nil)
        #expect(try store.signals.removal(mine.id)?.reason == .retentionReached)
        #expect(try store.signals.signal(url.id) != nil)
    }

    @Test func configurationHasDefaultsAndNamesBadKeys() throws {
        let empty = try JSONDecoder().decode(NodeConfiguration.self, from: Data("{}".utf8))
        #expect(empty == NodeConfiguration())
        #expect(empty.apiHost == "127.0.0.1")
        let custom = try JSONDecoder().decode(NodeConfiguration.self, from: Data(#"{"retention_days": {"email": 90}}"#.utf8))
        #expect(try custom.retentionPolicy().retentionDays(for: .email) == 90)
        #expect(try custom.retentionPolicy().retentionDays(for: .url) == 365)
        let bad = try JSONDecoder().decode(NodeConfiguration.self, from: Data(#"{"retention_days": {"emails": 90}}"#.utf8))
        #expect(throws: ValidationError.self) { try bad.validated() }
        let port = try JSONDecoder().decode(NodeConfiguration.self, from: Data(#"{"api_port": 70000}"#.utf8))
        do {
            _ = try port.validated()
            Issue.record("a bad port was accepted")
        } catch {
            #expect(error.field == "api_port")
        }
        // Commits are durable unless the operator chooses otherwise; anything else than full or normal is refused.
        #expect(empty.synchronous == .full)
        let normal = try JSONDecoder().decode(NodeConfiguration.self, from: Data(#"{"sqlite_synchronous": "normal"}"#.utf8))
        #expect(try normal.validated().synchronous == .normal)
        for (body, field) in [(#"{"sqlite_synchronous": "off"}"#, "sqlite_synchronous"), (#"{"concurrent_pulls": 0}"#, "concurrent_pulls")] {
            let setting = try JSONDecoder().decode(NodeConfiguration.self, from: Data(body.utf8))
            do {
                _ = try setting.validated()
                Issue.record("\(body) was accepted")
            } catch {
                #expect(error.field == field)
            }
        }
    }
}

@Suite struct ChainBuilderServiceTests {
    @Test func publishesEverythingPendingInBatches() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let service = try SignalService(store: store)
        _ = try service.createBatch((0..<12).map { Fixtures.urlDraft("https://example.com/\($0)") })
        let builder = ChainBuilderService(store: store, logger: Logger(label: "test"))
        #expect(builder.buildAll(batch: 5) == 12)
        #expect(builder.buildAll(batch: 5) == 0)
        #expect(try store.chains.positions().first?.position.seq == 12)
    }
}
