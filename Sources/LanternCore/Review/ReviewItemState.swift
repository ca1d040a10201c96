/// The claim-and-decide state machine of one review item, without storage: the store loads the state, asks for
/// the transition, and writes the result in the same transaction.
public struct ReviewItemState: Sendable, Equatable {
    public var status: ReviewItemStatus
    /// The reviewer (token id) holding the claim, while `status` is `claimed`.
    public var claimedBy: String?
    public var claimedByName: String?
    /// What a claimed item returns to when released: `open`, or `needsInfo` for one waiting for another look.
    public var claimedFrom: ReviewItemStatus?

    public init(status: ReviewItemStatus, claimedBy: String? = nil, claimedByName: String? = nil, claimedFrom: ReviewItemStatus? = nil) {
        self.status = status
        self.claimedBy = claimedBy
        self.claimedByName = claimedByName
        self.claimedFrom = claimedFrom
    }

    /// Claims the item for `reviewer`. Claiming an item one already holds changes nothing.
    public func claim(by reviewer: Reviewer) throws(ReviewError) -> ReviewItemState {
        switch status {
        case .open, .needsInfo:
            return ReviewItemState(status: .claimed, claimedBy: reviewer.id, claimedByName: reviewer.name, claimedFrom: status)
        case .claimed:
            guard claimedBy == reviewer.id else { throw .claimedByOther(claimedByName ?? claimedBy ?? "another reviewer") }
            return self
        case .held: throw .held
        case .confirmed, .falsePositive, .withdrawn, .suppressed: throw .notPending(status)
        }
    }

    /// Gives the claim up, by its holder or an administrator: the item is again what it was before the claim.
    public func release(by reviewer: Reviewer) throws(ReviewError) -> ReviewItemState {
        guard status == .claimed else { throw .notClaimed(status) }
        guard claimedBy == reviewer.id || reviewer.isAdmin else { throw .claimedByOther(claimedByName ?? claimedBy ?? "another reviewer") }
        return ReviewItemState(status: claimedFrom == .needsInfo ? .needsInfo : .open)
    }

    /// Decides the item. An unclaimed pending item is claimed and decided at once; an item someone else claimed is
    /// theirs to decide. Outcome actions go with a confirmation only.
    public func decide(
        _ decision: ReviewDecision, actions: Set<ReviewAction>, by reviewer: Reviewer
    ) throws(ReviewError)
        -> ReviewItemState
    {
        switch status {
        case .open, .needsInfo: break
        case .claimed:
            guard claimedBy == reviewer.id else { throw .claimedByOther(claimedByName ?? claimedBy ?? "another reviewer") }
        case .held: throw .held
        case .confirmed, .falsePositive, .withdrawn, .suppressed: throw .notPending(status)
        }
        if decision != .confirmed, !actions.isEmpty { throw .actionsWithoutConfirmation(decision) }
        return ReviewItemState(status: decision.status)
    }
}
