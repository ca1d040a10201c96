import Foundation
import GRDB
import LanternCore
import LanternSync
import LanternTesting
import Testing

@testable import LanternStore

/// An origin tells from the heads a peer holds of its chains whether it lost events it had published.
@Suite struct LostEventsTests {
    let directories: [TemporaryDirectory]
    let pump = ChainPump(participants: [Fixtures.alpha.id, Fixtures.bravo.id])
    let validator = Fixtures.validator()

    init() throws {
        directories = try (0..<3).map { _ in try TemporaryDirectory() }
    }

    func signal(_ n: UInt64) throws -> Signal {
        try validator.validateNew(
            Fixtures.urlDraft("https://s\(n).example/"), id: Fixtures.signalID(n), author: Fixtures.alpha.id, now: Fixtures.now)
    }

    @Test func headsPastTheChainOrAtAnotherEventShowLostEvents() throws {
        let alpha = try Fixtures.store(in: directories[0], as: Fixtures.alpha)
        let bravo = try Fixtures.store(in: directories[1], as: Fixtures.bravo)
        try alpha.signals.addLocal([try signal(1), try signal(2)])
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        let held = try #require(try bravo.chains.newestHeads(of: Fixtures.alpha.id).first)
        #expect(held.seq == 2)
        #expect(try bravo.chains.newestHeads(of: Fixtures.charlie.id).isEmpty)
        // Where alpha stands: nothing lost.
        #expect(try !alpha.chains.hasLostEvents(shownBy: held))

        // The same head one event further than alpha's chain, or at the same seq with another hash: lost.
        var further = held
        further.seq = 3
        #expect(try alpha.chains.hasLostEvents(shownBy: further))
        var other = held
        other.hash = .test("another event")
        #expect(try alpha.chains.hasLostEvents(shownBy: other))
        // A later epoch than alpha's own means alpha lost the commit that started it; an older one means nothing.
        let epoch = try #require(try alpha.chains.currentEpoch())
        var later = held
        let hourLater = try #require(UInt64(epoch.prefix(12), radix: 16)) + 3_600_000
        later.epoch = String(format: "%012llx%08x", hourLater, 0)
        #expect(try alpha.chains.hasLostEvents(shownBy: later))
        var older = further
        older.epoch = String(repeating: "0", count: 20)
        #expect(try !alpha.chains.hasLostEvents(shownBy: older))
        // Another origin's head says nothing about alpha.
        var foreign = further
        foreign.origin = Fixtures.bravo.id
        #expect(try !alpha.chains.hasLostEvents(shownBy: foreign))

        // A new epoch follows the epoch a peer showed, even one ahead of alpha's clock.
        try alpha.chains.startNewEpoch(after: later.epoch)
        let next = try #require(try alpha.chains.currentEpoch())
        #expect(next > later.epoch && next != epoch)
        #expect(try alpha.chains.isRestoredEpoch())
    }

    @Test func aStoreThatLostItsLastCommitsSeesItFromItsPeersHeads() throws {
        // The real case: alpha's database as it was before its last commits, beside a peer that pulled them.
        let database = directories[0].file("node.sqlite")
        var alpha = try Fixtures.store(in: directories[0], as: Fixtures.alpha)
        let bravo = try Fixtures.store(in: directories[1], as: Fixtures.bravo)
        try alpha.signals.addLocal([try signal(1)])
        try alpha.chains.build()
        let earlier = directories[2].file("earlier.sqlite")
        try alpha.backup(to: earlier)
        try alpha.signals.addLocal([try signal(2), try signal(3)])
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        try alpha.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        try FileManager.default.copyItem(atPath: earlier, toPath: database)
        alpha = try NodeStore(path: database)
        // It publishes on: its next signals take the seqs bravo holds signals 2 and 3 at, and one more.
        try alpha.signals.addLocal([try signal(4), try signal(5), try signal(6)])
        try alpha.chains.build()
        let heads = try bravo.chains.newestHeads(of: Fixtures.alpha.id)
        #expect(heads.count == 1)
        #expect(try heads.allSatisfy { try alpha.chains.hasLostEvents(shownBy: $0) })
        // Pulling as it stands, bravo refuses the fork; after a new epoch it takes alpha's chains again.
        let outcomes = try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        #expect(!outcomes.isEmpty && !outcomes.contains { if case .apply = $0 { true } else { false } }, "\(outcomes)")
        try alpha.chains.startNewEpoch(after: heads.map(\.epoch).max())
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        let live = Set(try bravo.signals.page(matching: SignalQuery()).signals.map(\.signal.value.normalized))
        #expect(live == ["https://s1.example/", "https://s4.example/", "https://s5.example/", "https://s6.example/"])
    }
}

/// Commits are flushed before they return unless the operator chose otherwise.
@Suite struct SynchronousSettingTests {
    @Test func theStoreRunsWithTheSynchronousSettingAsked() throws {
        let directory = try TemporaryDirectory()
        // SQLite's numbers: 1 is NORMAL, 2 is FULL. What matters is the writer's, the connection that commits (the
        // pool's set-up of the write-ahead log sets NORMAL on it, after the connection is prepared).
        for (setting, expected) in [(NodeStore.Synchronous.full, 2), (.normal, 1)] {
            let store = try NodeStore(path: directory.file("\(setting.rawValue).sqlite"), synchronous: setting)
            #expect(try store.writer.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == expected)
            try store.close()
        }
    }
}
