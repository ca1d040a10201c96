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
        #expect(claimed == ReviewItemState(status: .claimed, claimedBy: "tok_ana", claimedByName: "ana", claimedFrom: .open))
        #expect(claimed.claimedFrom == .open)
        #expect(try claimed.claim(by: ana) == claimed)
        for attempt in [{ try claimed.claim(by: ben) }, { try claimed.release(by: ben) }, { try claimed.decide(.confirmed, actions: [], by: ben) }] {
            let error = #expect(throws: ReviewError.self) { _ = try attempt() }
            #expect(error?.description.contains("claimed by ana") == true && error?.isConflict == true)
        }
        #expect(try claimed.release(by: ana) == open)
        #expect(try claimed.release(by: admin) == open)
        let notClaimed = #expect(throws: ReviewError.self) { try open.release(by: ana) }
        #expect(notClaimed?.description.contains("not claimed") == true)
    }

    @Test func decisionsAreFinalButNeedsInfoWaitsForAnotherLook() throws {
        let open = ReviewItemState(status: .open)
        // Deciding an unclaimed item claims and decides it at once.
        let confirmed = try open.decide(.confirmed, actions: [.accountActioned], by: ana)
        #expect(confirmed == ReviewItemState(status: .confirmed))
        for final in [confirmed, ReviewItemState(status: .falsePositive), ReviewItemState(status: .withdrawn), ReviewItemState(status: .suppressed)] {
            let error = #expect(throws: ReviewError.self) { try final.claim(by: ana) }
            #expect(error?.isConflict == true && error?.description.contains("already \(final.status.rawValue)") == true)
            #expect(throws: ReviewError.self) { try final.decide(.falsePositive, actions: [], by: ana) }
        }
        let waiting = try open.claim(by: ana).decide(.needsInfo, actions: [], by: ana)
        #expect(waiting == ReviewItemState(status: .needsInfo))
        // Claimed again and released, it still waits for more information.
        #expect(try waiting.claim(by: ben).release(by: ben) == waiting)
        #expect(try waiting.claim(by: ben).status == .claimed)
        #expect(try waiting.decide(.falsePositive, actions: [], by: ben).status == .falsePositive)
    }

    @Test func heldItemsWaitForTheFlagAndActionsGoWithConfirmationsOnly() throws {
        let held = ReviewItemState(status: .held)
        let claimHeld = #expect(throws: ReviewError.self) { try held.claim(by: ana) }
        #expect(claimHeld?.description.contains("flagged") == true)
        let decideHeld = #expect(throws: ReviewError.self) { try held.decide(.confirmed, actions: [], by: ana) }
        #expect(decideHeld?.description.contains("flagged") == true)
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
        // The latest word on each question wins, but an action taken outweighs a later false positive.
        #expect(ReviewPolicy.reactions(holding: [.wantMoreInfo], sending: [.helpful], final: true) == [.helpful])
        #expect(ReviewPolicy.reactions(holding: [.wantMoreInfo], sending: [.helpful], final: false) == [.helpful, .wantMoreInfo])
        #expect(ReviewPolicy.reactions(holding: [.helpful, .sawThisToo], sending: [.notHelpful], final: true) == [.notHelpful, .sawThisToo])
        #expect(ReviewPolicy.reactions(holding: [.notHelpful], sending: [.actionTaken], final: true) == [.actionTaken])
        #expect(ReviewPolicy.reactions(holding: [.actionTaken], sending: [.notHelpful], final: true) == [.actionTaken])
        #expect(FlagDecision.clear.defaultReactions.isEmpty)
        #expect(throws: ValidationError(field: "actions", reason: "'banned' is not an outcome action: use one of \(ReviewAction.list).")) {
            try ReviewAction.parse(["content_removed", "banned"])
        }
    }
}
