import Crypto
import Foundation
import LanternCore
import LanternSync
import LanternTesting
import Testing

@testable import LanternStore

/// An origin restored from a backup starts a new epoch: its peers take its chains again from the start, what it
/// says now wins over later revisions it no longer knows, and signals it created after the backup are dropped.
@Suite struct RestoreTests {
    let directories: [TemporaryDirectory]
    let pump = ChainPump(participants: [Fixtures.alpha.id, Fixtures.bravo.id])
    let validator = Fixtures.validator()

    init() throws {
        directories = try (0..<2).map { _ in try TemporaryDirectory() }
    }

    func signal(_ n: UInt64, audience: String = "all") throws -> Signal {
        try validator.validateNew(
            Fixtures.urlDraft("https://s\(n).example/", audience: audience), id: Fixtures.signalID(n), author: Fixtures.alpha.id, now: Fixtures.now)
    }

    func live(_ store: NodeStore) throws -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: try store.signals.page(matching: SignalQuery()).signals.map {
                ($0.signal.value.normalized, $0.signal.severity.rawValue)
            }
        )
    }

    @Test func peersFollowARestoredOriginExactly() throws {
        var alpha = try Fixtures.store(in: directories[0], as: Fixtures.alpha)
        let bravo = try Fixtures.store(in: directories[1], as: Fixtures.bravo)
        let stored = try alpha.signals.addLocal([try signal(1), try signal(2, audience: "bravo")])
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        let backup = directories[0].file("backup.sqlite")
        try alpha.backup(to: backup)

        // After the backup: an update, and new signals in a known scope and in a scope alpha had never used.
        var patch = SignalDraft()
        patch.severity = "WARNING"
        _ = try alpha.signals.updateLocal(try validator.validateUpdate(patch, to: stored[0], actor: Fixtures.alpha.id, now: Fixtures.now))
        try alpha.signals.addLocal([try signal(3), try signal(4, audience: "bravo,charlie")])
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        #expect(try live(bravo).count == 4)

        // The restore, as 'lantern restore' does it.
        try alpha.close()
        let database = directories[0].file("node.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        try FileManager.default.copyItem(atPath: backup, toPath: database)
        usleep(2000)
        alpha = try NodeStore(path: database)
        try alpha.chains.startNewEpoch()
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        // bravo now holds what alpha holds: the update and both later signals are gone with the restore.
        #expect(try live(bravo) == ["https://s1.example/": "SEVERE", "https://s2.example/": "SEVERE"])
        #expect(try live(bravo) == live(alpha))
        #expect(try directories[1].filesContaining("s3.example") == [])
        // alpha's next change reaches bravo as usual.
        _ = try alpha.signals.updateLocal(
            try validator.validateUpdate(
                patch, to: try #require(try alpha.signals.signal(stored[1].id)).signal, actor: Fixtures.alpha.id, now: Fixtures.now))
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        #expect(try live(bravo)["https://s2.example/"] == "WARNING")
    }

    @Test func aRemovalMadeAfterTheBackupIsLearntBackFromAPeer() throws {
        let charlieDirectory = try TemporaryDirectory()
        var alpha = try Fixtures.store(in: directories[0], as: Fixtures.alpha)
        let bravo = try Fixtures.store(in: directories[1], as: Fixtures.bravo)
        let charlie = try Fixtures.store(in: charlieDirectory, as: Fixtures.charlie)
        let pump = ChainPump(participants: [Fixtures.alpha.id, Fixtures.bravo.id, Fixtures.charlie.id])
        let stored = try alpha.signals.addLocal([try signal(1), try signal(2)])
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        try pump.pull(from: alpha, to: charlie, as: Fixtures.charlie)
        let backup = directories[0].file("backup.sqlite")
        try alpha.backup(to: backup)
        // The removal reaches bravo, with alpha's signed proof, but not charlie; then alpha restores.
        try alpha.signals.remove(stored[0].id, reason: .appealUpheld, now: Fixtures.now)
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        #expect(try bravo.chains.removalProofs(of: Fixtures.alpha.id).map(\.event.signalID) == [stored[0].id.rawValue])
        #expect(try bravo.chains.removalProofs(of: Fixtures.charlie.id).isEmpty)
        try alpha.close()
        let database = directories[0].file("node.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        try FileManager.default.copyItem(atPath: backup, toPath: database)
        alpha = try NodeStore(path: database)
        try alpha.chains.startNewEpoch()
        #expect(try alpha.chains.isRestoredEpoch())
        #expect(try alpha.signals.signal(stored[0].id) != nil)

        // A proof bravo made up is worthless; alpha's own, kept by bravo, removes the signal again.
        var forged = try #require(try bravo.chains.removalProofs(of: Fixtures.alpha.id).first)
        forged.event.signalID = stored[1].id.rawValue
        #expect(!forged.isValid(signedBy: pump.keys[Fixtures.alpha.id]!.publicKey))
        #expect(try pump.relearn(alpha, from: bravo) == 1)
        #expect(try alpha.signals.removal(stored[0].id)?.reason == .appealUpheld)
        // charlie, which never saw the removal, drops the signal with alpha's new epoch.
        try pump.pull(from: alpha, to: charlie, as: Fixtures.charlie)
        #expect(try live(charlie) == ["https://s2.example/": "SEVERE"])
        #expect(try charlieDirectory.filesContaining("s1.example") == [])
    }
}
