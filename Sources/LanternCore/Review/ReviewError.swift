/// A review transition that cannot be made, with a full-sentence reason. `isConflict` tells a conflict with the
/// item's state (someone else holds it, it is already decided) from input that is wrong whatever the state.
public struct ReviewError: Error, Equatable, Sendable, CustomStringConvertible {
    private enum Kind: Equatable, Sendable {
        case claimedByOther(String)
        case notPending(ReviewItemStatus)
        case notClaimed(ReviewItemStatus)
        case held
        case actionsWithoutConfirmation(ReviewDecision)
        case itemNotFound(Int64)
        case flagNotFound(String)
        case flagDecided(String)
    }

    private let kind: Kind

    static func claimedByOther(_ name: String) -> ReviewError { ReviewError(kind: .claimedByOther(name)) }
    static func notPending(_ status: ReviewItemStatus) -> ReviewError { ReviewError(kind: .notPending(status)) }
    static func notClaimed(_ status: ReviewItemStatus) -> ReviewError { ReviewError(kind: .notClaimed(status)) }
    static let held = ReviewError(kind: .held)
    static func actionsWithoutConfirmation(_ decision: ReviewDecision) -> ReviewError {
        ReviewError(kind: .actionsWithoutConfirmation(decision))
    }
    public static func itemNotFound(_ id: Int64) -> ReviewError { ReviewError(kind: .itemNotFound(id)) }
    public static func flagNotFound(_ signal: String) -> ReviewError { ReviewError(kind: .flagNotFound(signal)) }
    public static func flagDecided(_ signal: String) -> ReviewError { ReviewError(kind: .flagDecided(signal)) }

    /// Whether the item's state, not the input, stands in the way.
    public var isConflict: Bool {
        switch kind {
        case .claimedByOther, .notPending, .notClaimed, .held, .flagDecided: true
        case .actionsWithoutConfirmation, .itemNotFound, .flagNotFound: false
        }
    }

    public var isNotFound: Bool {
        switch kind {
        case .itemNotFound, .flagNotFound: true
        default: false
        }
    }

    /// The request field at fault, when the input is.
    public var field: String? {
        switch kind {
        case .actionsWithoutConfirmation: "actions"
        default: nil
        }
    }

    public var description: String {
        switch kind {
        case .claimedByOther(let name): "The review item is claimed by \(name); only they (or an administrator releasing it) may act on it."
        case .notPending(let status): "The review item is already \(status.rawValue) and cannot change any more."
        case .notClaimed(let status): "The review item is \(status.rawValue), not claimed: there is no claim to release."
        case .held:
            "The review item is held while its signal is flagged for matching unusually often: decide the flag first."
        case .actionsWithoutConfirmation(let decision):
            "Outcome actions go with a confirmed match only, not with \(decision.rawValue)."
        case .itemNotFound(let id): "No review item has the id \(id)."
        case .flagNotFound(let signal): "Signal \(signal) is not flagged."
        case .flagDecided(let signal): "The flag on signal \(signal) is already decided."
        }
    }
}
