public import Foundation
public import LanternCore

/// Filters for listing signals. Every filter is optional; results come newest id first, a page at a time.
public struct SignalQuery: Sendable, Equatable {
    public enum AudienceFilter: Sendable, Equatable {
        case all
        case financial
        /// Allowlists that include this participant.
        case allowlistIncluding(ParticipantID)
        /// Any allowlist.
        case anyAllowlist
    }

    public var type: SignalType?
    public var origin: ParticipantID?
    /// A tag id; `platform` matches every `platform:…` tag, `platform:discord` only that one.
    public var tag: String?
    public var audience: AudienceFilter?
    public var reviewStatus: ReviewStatus?
    public var severity: Severity?
    public var createdSince: Date?
    public var createdBefore: Date?
    /// The normalised value, for an exact lookup.
    public var value: String?
    /// Only ids before this one (the cursor of the previous page).
    public var before: SignalID?
    /// Leaves out signals whose retention ended by then, even before the sweeper has removed them.
    public var liveAt: Date?
    public var limit: Int

    public init(
        type: SignalType? = nil, origin: ParticipantID? = nil, tag: String? = nil, audience: AudienceFilter? = nil,
        reviewStatus: ReviewStatus? = nil, severity: Severity? = nil, createdSince: Date? = nil,
        createdBefore: Date? = nil, value: String? = nil, before: SignalID? = nil, limit: Int = 100
    ) {
        self.type = type
        self.origin = origin
        self.tag = tag
        self.audience = audience
        self.reviewStatus = reviewStatus
        self.severity = severity
        self.createdSince = createdSince
        self.createdBefore = createdBefore
        self.value = value
        self.before = before
        self.limit = limit
    }
}

/// One page of results and the cursor for the next, if there is one.
public struct SignalPage: Sendable, Equatable {
    public var signals: [StoredSignal]
    public var nextCursor: SignalID?
}
