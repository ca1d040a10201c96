import LanternCore
import Testing

/// The claim-and-decide state machine of a review item, without storage.
@Suite struct ReviewItemStateTests {
    let ana = Reviewer(id: "tok_ana", name: "ana")
    let ben = Reviewer(id: "tok_ben", name: "ben")
    let admin = Reviewer(id: "tok_admin", name: "admin", isAdmin: true)

    @Test func aClaimIsHeldByOneReviewerUntilReleasedOrDecided() throws {
        let open = ReviewItemState(status: .open)
        let claimed = try open.claim(by: ana)
        #expect(claimed == ReviewItemState(status: .claimed, claimedBy: "tok_ana", claimedByName: "ana"))
        #expect(try claimed.claim(by: ana) == claimed)
        #expect(throws: ReviewError.self) { try claimed.claim(by: ben) }
        #expect(throws: ReviewError.self) { try claimed.release(by: ben) }
        #expect(throws: ReviewError.self) { try claimed.decide(.confirmed, actions: [], by: ben) }
        #expect(try claimed.release(by: ana) == open)
        #expect(try claimed.release(by: admin) == open)
        #expect(throws: ReviewError.self) { try open.release(by: ana) }
    }

    @Test func decisionsAreFinalButNeedsInfoWaitsForAnotherLook() throws {
        let open = ReviewItemState(status: .open)
        // Deciding an unclaimed item claims and decides it at once.
        let confirmed = try open.decide(.confirmed, actions: [.accountActioned], by: ana)
        #expect(confirmed == ReviewItemState(status: .confirmed))
        for final in [confirmed, ReviewItemState(status: .falsePositive), ReviewItemState(status: .withdrawn), ReviewItemState(status: .suppressed)] {
            let error = #expect(throws: ReviewError.self) { try final.claim(by: ana) }
            #expect(error?.isConflict == true)
            #expect(throws: ReviewError.self) { try final.decide(.falsePositive, actions: [], by: ana) }
        }
        let waiting = try open.claim(by: ana).decide(.needsInfo, actions: [], by: ana)
        #expect(waiting == ReviewItemState(status: .needsInfo))
        #expect(try waiting.claim(by: ben).status == .claimed)
        #expect(try waiting.decide(.falsePositive, actions: [], by: ben).status == .falsePositive)
    }

    @Test func heldItemsWaitForTheFlagAndActionsGoWithConfirmationsOnly() throws {
        let held = ReviewItemState(status: .held)
        #expect(throws: ReviewError.self) { try held.claim(by: ana) }
        #expect(throws: ReviewError.self) { try held.decide(.confirmed, actions: [], by: ana) }
        let error = #expect(throws: ReviewError.self) {
            try ReviewItemState(status: .open).decide(.falsePositive, actions: [.contentRemoved], by: ana)
        }
        #expect(error?.isConflict == false)
        #expect(error?.field == "actions")
    }

    @Test func defaultReactionsFollowTheDecision() throws {
        #expect(ReviewPolicy.defaultReactions(for: .confirmed, actions: [.urlBlocked]) == [.actionTaken])
        #expect(ReviewPolicy.defaultReactions(for: .confirmed, actions: []) == [.helpful])
        #expect(ReviewPolicy.defaultReactions(for: .falsePositive, actions: []) == [.notHelpful])
        #expect(ReviewPolicy.defaultReactions(for: .needsInfo, actions: []) == [.wantMoreInfo])
        #expect(FlagDecision.suppress.defaultReactions == [.notHelpful])
        #expect(FlagDecision.clear.defaultReactions.isEmpty)
        #expect(throws: ValidationError(field: "actions", reason: "'banned' is not an outcome action: use one of \(ReviewAction.list).")) {
            try ReviewAction.parse(["content_removed", "banned"])
        }
    }
}
