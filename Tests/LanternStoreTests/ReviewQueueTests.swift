import Foundation
import GRDB
import LanternCore
import LanternSync
import LanternTesting
import Testing

@testable import LanternStore

/// The review queue in the store: matches become items once, flags hold a signal's flood, decisions send
/// reactions to the origin, and a signal that goes takes its traces with it.
@Suite struct ReviewQueueTests {
    let directories: [TemporaryDirectory]
    let alpha: NodeStore
    let bravo: NodeStore
    let pump = ChainPump(participants: [Fixtures.alpha.id, Fixtures.bravo.id])
    let signals: [Signal]
    let ana = Reviewer(id: "tok_ana", name: "ana")
    let policy = ReviewPolicy(flagThreshold: 3, flagWindowSeconds: 3600)

    init() throws {
        let made = try Fixtures.stores(for: [Fixtures.alpha, Fixtures.bravo])
        (directories, alpha, bravo) = (made.directories, made.stores[0], made.stores[1])
        let validator = Fixtures.validator()
        signals = try alpha.signals.addLocal(
            (1...2).map { n in
                try validator.validateNew(
                    Fixtures.urlDraft("https://bad\(n).example/"), id: Fixtures.signalID(UInt64(n)), author: Fixtures.alpha.id, now: Fixtures.now)
            })
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
    }

    func match(_ ref: String?, _ signal: Int = 0, value: String = "https://bad1.example/") -> ReviewMatch {
        // The route keys items by a digest; the value itself here, so a test can see whether the key survives.
        ReviewMatch(
            ref: ref, itemType: "url", itemValue: value, itemKey: (ref ?? "") + " " + value, signal: signals[signal].id,
            reason: #"{"kind":"exact","url":"\#(value)"}"#)
    }

    /// Every text in the queue's tables.
    func queueText(_ store: NodeStore) throws -> String {
        try store.writer.read { db in
            var text = ""
            for table in ["review_items", "review_decisions", "signal_flags"] {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") {
                    for column in row.columnNames { text += (row[column] as DatabaseValue).description + "|" }
                }
            }
            return text
        }
    }

    @Test func repeatedMatchesCountOnOneItemAndOwnSignalsAreNotQueued() throws {
        let first = try bravo.review.recordMatches([match("post-1"), match("post-1"), match("post-2")], policy: policy, now: Fixtures.now)
        #expect(first[0] != nil && first[0] == first[1] && first[2] != first[0])
        let again = try bravo.review.recordMatches([match("post-1")], policy: policy, now: Fixtures.now.addingTimeInterval(5))
        #expect(again == [first[0]])
        let item = try bravo.review.item(try #require(first[0]))
        #expect(item.matchCount == 3 && item.status == .open && item.origin == "alpha" && item.signalType == "url")
        #expect(item.lastMatchedAt == Fixtures.now.addingTimeInterval(5))
        #expect(try bravo.review.items(statuses: [.open]).map(\.ref) == ["post-1", "post-2"])
        #expect(try bravo.review.outcomes().repeatMatches == 2)
        // alpha's own signal matching alpha's own data is nothing to review.
        #expect(try alpha.review.recordMatches([match("post-1")], policy: policy, now: Fixtures.now) == [nil])
        #expect(try alpha.review.items(statuses: []).isEmpty)
    }

    @Test func aDecisionIsRecordedCountedAndSendsItsReactionToTheOrigin() throws {
        let ids = try bravo.review.recordMatches([match("post-1"), match("post-2"), match("acct-3", 1)], policy: policy, now: Fixtures.now)
        _ = try bravo.review.claim(ids[0]!, by: ana, now: Fixtures.now)
        let decided = try bravo.review.decide(
            ids[0]!, ReviewDecisionInput(decision: .confirmed, actions: [.urlBlocked, .contentRemoved], note: "seen", reactions: [.actionTaken]),
            by: ana, now: Fixtures.now)
        #expect(decided.status == .confirmed && decided.decidedByName == "ana" && decided.claimedBy == nil)
        #expect(decided.actions == [.urlBlocked, .contentRemoved])
        _ = try bravo.review.decide(
            ids[1]!, ReviewDecisionInput(decision: .falsePositive, reactions: [.notHelpful]), by: ana, now: Fixtures.now)
        _ = try bravo.review.decide(ids[2]!, ReviewDecisionInput(decision: .needsInfo, reactions: [.wantMoreInfo]), by: ana, now: Fixtures.now)
        // bravo's reactions to signal 0 go to alpha: an item was actioned, so the other's false positive does not
        // make the signal NOT_HELPFUL.
        try pump.pull(from: bravo, to: alpha, as: Fixtures.alpha)
        let reactions = try alpha.reactions.all(on: signals[0].id)
        #expect(reactions.map(\.reactor) == [Fixtures.bravo.id] && reactions.first?.kinds == [.actionTaken])
        #expect(try alpha.reactions.all(on: signals[1].id).first?.kinds == [.wantMoreInfo])
        // A later confirmation of the same item withdraws WANT_MORE_INFO.
        _ = try bravo.review.decide(ids[2]!, ReviewDecisionInput(decision: .confirmed, reactions: [.helpful]), by: ana, now: Fixtures.now)
        try pump.pull(from: bravo, to: alpha, as: Fixtures.alpha)
        #expect(try alpha.reactions.all(on: signals[1].id).first?.kinds == [.helpful])
        #expect(throws: ReviewError.self) {
            try bravo.review.decide(ids[0]!, ReviewDecisionInput(decision: .falsePositive, reactions: []), by: ana, now: Fixtures.now)
        }
        #expect(try bravo.review.decisions(of: ids[0]!).map(\.input.decision) == [.confirmed])

        let outcomes = try bravo.review.outcomes()
        #expect(outcomes.items == ["confirmed": 2, "false_positive": 1])
        #expect(outcomes.actions == ["url_blocked": 1, "content_removed": 1, "account_actioned": 0])
        #expect(outcomes.confirmedByType == ["url": 2])
    }

    @Test func aSignalMatchingUnusuallyOftenIsFlaggedAndItsFloodHeld() throws {
        let refs = (1...5).map { "img-\($0)" }
        let ids = try bravo.review.recordMatches(refs.map { match($0) }, policy: policy, now: Fixtures.now)
        // The third distinct item reaches the threshold: the signal is flagged and later items are held.
        #expect(try bravo.review.items(statuses: []).map(\.status) == [.open, .open, .open, .held, .held])
        let flags = try bravo.review.flags(status: .flagged)
        #expect(flags.map(\.signalID) == [signals[0].id.rawValue] && flags.first?.items == 3)
        #expect(throws: ReviewError.self) { try bravo.review.claim(ids[3]!, by: ana, now: Fixtures.now) }

        _ = try bravo.review.decideFlag(signals[0].id, .suppress, reactions: [.notHelpful], by: ana, now: Fixtures.now)
        #expect(try bravo.review.items(statuses: [.suppressed]).count == 2)
        _ = try bravo.review.recordMatches([match("img-6")], policy: policy, now: Fixtures.now)
        #expect(try bravo.review.items(statuses: [.suppressed]).count == 3)
        #expect(throws: ReviewError.self) { try bravo.review.decideFlag(signals[0].id, .clear, reactions: [], by: ana, now: Fixtures.now) }

        // Items outside the window do not count towards a flag; a cleared flag releases the held items.
        let later = Fixtures.now.addingTimeInterval(7200)
        _ = try bravo.review.recordMatches([match("a", 1), match("b", 1)], policy: policy, now: Fixtures.now)
        _ = try bravo.review.recordMatches([match("c", 1), match("d", 1)], policy: policy, now: later)
        #expect(try bravo.review.flags(status: .flagged).isEmpty)
        _ = try bravo.review.recordMatches([match("e", 1), match("f", 1)], policy: policy, now: later)
        #expect(try bravo.review.items(statuses: [.held], signal: signals[1].id.rawValue).map(\.ref) == ["f"])
        _ = try bravo.review.decideFlag(signals[1].id, .clear, reactions: [], by: ana, now: later)
        #expect(try bravo.review.items(statuses: [.held]).isEmpty)
        _ = try bravo.review.recordMatches([match("g", 1)], policy: policy, now: later)
        #expect(try bravo.review.items(statuses: [.open], signal: signals[1].id.rawValue).map(\.ref) == ["a", "b", "c", "d", "e", "f", "g"])
    }

    @Test func leavingTheAudienceWithdrawsAndAReturnedSignalIsReviewedAnew() throws {
        let first = try bravo.review.recordMatches([match("post-1")], policy: policy, now: Fixtures.now)
        // alpha narrows the signal to charlie: bravo's copy is retracted, and with it the match's traces.
        _ = try alpha.signals.updateLocal(signals[0].id) { signal in
            var signal = signal
            signal.audience = .allowlist([Fixtures.charlie.id])
            return signal
        }
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        #expect(try bravo.signals.signal(signals[0].id) == nil)
        let withdrawn = try bravo.review.item(first[0]!)
        #expect(withdrawn.status == .withdrawn && withdrawn.itemValue == nil && withdrawn.reason == nil)
        #expect(!(try queueText(bravo)).contains("bad1.example"))
        // alpha shares it with everyone again: the same item matching it is a new review item, open.
        _ = try alpha.signals.updateLocal(signals[0].id) { signal in
            var signal = signal
            signal.audience = .all
            return signal
        }
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        let again = try bravo.review.recordMatches([match("post-1")], policy: policy, now: Fixtures.now)
        #expect(again[0] != nil && again[0] != first[0])
        #expect(try bravo.review.item(again[0]!).status == .open)
        #expect(try bravo.review.items(statuses: [.open]).map(\.id) == [again[0]!])
    }

    @Test func aSignalThatGoesWithdrawsItsUndecidedItemsAndLeavesNoValue() throws {
        let ids = try bravo.review.recordMatches(
            [match("post-1"), match("post-2"), match(nil, 1, value: "https://bad2.example/")], policy: policy, now: Fixtures.now)
        _ = try bravo.review.decide(
            ids[0]!, ReviewDecisionInput(decision: .confirmed, actions: [.urlBlocked], note: "blocked https://bad1.example/", reactions: []),
            by: ana, now: Fixtures.now)
        _ = try bravo.review.claim(ids[1]!, by: ana, now: Fixtures.now)
        try alpha.signals.remove(signals[0].id, reason: .enteredInError, now: Fixtures.now)
        try pump.pull(from: alpha, to: bravo, as: Fixtures.bravo)
        let decided = try bravo.review.item(ids[0]!)
        #expect(decided.status == .confirmed && decided.itemValue == nil && decided.reason == nil && decided.note == nil)
        #expect(try bravo.review.decisions(of: ids[0]!).first?.input.note == nil)
        let claimed = try bravo.review.item(ids[1]!)
        #expect(claimed.status == .withdrawn && claimed.itemValue == nil && claimed.claimedBy == nil)
        #expect(throws: ReviewError.self) {
            try bravo.review.decide(ids[1]!, ReviewDecisionInput(decision: .confirmed, reactions: []), by: ana, now: Fixtures.now)
        }
        // Expiry withdraws too; the confirmation still counts.
        _ = try bravo.signals.expire(now: Fixtures.now.addingTimeInterval(3 * 365 * 86_400))
        #expect(try bravo.review.item(ids[2]!).status == .withdrawn)
        #expect(try bravo.review.outcomes().actions["url_blocked"] == 1)
        // Nothing of either gone signal's value is left in the queue's tables, keys included.
        let left = try queueText(bravo)
        #expect(!left.contains("bad1.example") && !left.contains("bad2.example"), "\(left)")
    }
}
