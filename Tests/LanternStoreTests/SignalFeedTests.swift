import Foundation
import LanternCore
import LanternSync
import LanternTesting
import Testing

@testable import LanternStore

/// The change log as the matchers follow it: every way a signal arrives or leaves, in order.
@Suite struct SignalFeedTests {
    @Test func arrivalsChangesRemovalsAndRetractionsComeInOrder() throws {
        let directories = try (0..<2).map { _ in try TemporaryDirectory() }
        let alpha = try Fixtures.store(in: directories[0], as: Fixtures.alpha)
        let bravo = try Fixtures.store(in: directories[1], as: Fixtures.bravo)
        let pump = ChainPump(participants: [Fixtures.alpha.id, Fixtures.bravo.id])
        let validator = Fixtures.validator()
        let stored = try alpha.signals.addLocal(
            try [("https://pilot.example/", "bravo"), ("https://all.example/", "all")].enumerated().map { n, item in
                try validator.validateNew(
                    Fixtures.urlDraft(item.0, audience: item.1), id: Fixtures.signalID(UInt64(n + 1)), author: Fixtures.alpha.id, now: Fixtures.now)
            })
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        var (changes, cursor) = try bravo.signals.changes(after: 0)
        #expect(Set(changes.map(\.id)) == [stored[0].id, stored[1].id] && changes.allSatisfy(\.isLive))

        // The pilot moves to charlie (bravo retracts it), the other is removed, and a new one arrives.
        var patch = SignalDraft()
        patch.audience = AudienceText("charlie")
        _ = try alpha.signals.updateLocal(try validator.validateUpdate(patch, to: stored[0], actor: Fixtures.alpha.id, now: Fixtures.now))
        _ = try alpha.signals.remove(stored[1].id, reason: .enteredInError, now: Fixtures.now)
        let later = try alpha.signals.addLocal([
            try validator.validateNew(
                Fixtures.urlDraft("https://later.example/"), id: Fixtures.signalID(3), author: Fixtures.alpha.id, now: Fixtures.now)
        ])
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        (changes, cursor) = try bravo.signals.changes(after: cursor)
        #expect(Set(changes.filter { !$0.isLive }.map(\.id)) == [stored[0].id, stored[1].id])
        // In the order they were applied: the removal before the signal published after it in the same chain.
        let removedAt = try #require(changes.firstIndex(of: .gone(stored[1].id)))
        let arrived = try #require(try bravo.signals.signal(later[0].id)).signal
        let arrivedAt = try #require(changes.firstIndex(of: .live(arrived)))
        #expect(removedAt < arrivedAt)
        #expect(try bravo.signals.changes(after: cursor).changes.isEmpty)
        // Paging: small pages give the same changes.
        var paged: [SignalChange] = []
        var position: Int64 = 0
        while true {
            let page = try bravo.signals.changes(after: position, limit: 1)
            if page.last == position { break }
            paged += page.changes
            position = page.last
        }
        #expect(paged.filter(\.isLive).map(\.id) == [later[0].id])
    }
}

extension SignalChange {
    var id: SignalID {
        switch self {
        case .live(let signal): signal.id
        case .gone(let id): id
        }
    }

    var isLive: Bool { if case .live = self { true } else { false } }
}
