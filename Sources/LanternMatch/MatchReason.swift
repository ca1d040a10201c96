public import LanternCore

/// Why a signal matched an item: what a reviewer needs to judge the match.
public enum MatchReason: Hashable, Sendable {
    /// The item's normalised value is the signal's.
    case exact
    /// A PDQ hash within the threshold; the Hamming distance.
    case pdq(distance: Int)
    /// The URL's host is the signal's domain or one of its subdomains.
    case domain(String)
    /// The URL lies under the signal's URL, which matches as a path prefix.
    case pathPrefix(String)
    /// The keyword occurs in the text at these character offsets (`start ..< end`, in characters of the text as
    /// given).
    case keyword(start: Int, end: Int)
}

/// One signal matching one item.
public struct ValueMatch: Hashable, Sendable {
    public var signal: SignalID
    public var reason: MatchReason

    public init(signal: SignalID, reason: MatchReason) {
        self.signal = signal
        self.reason = reason
    }
}
