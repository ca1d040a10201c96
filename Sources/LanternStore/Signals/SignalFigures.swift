public import Foundation
public import LanternCore

/// Counts of what a node holds, for its dashboard: no value, no id.
public struct SignalFigures: Sendable, Equatable {
    /// Live signals of one type from one origin to one kind of audience.
    public struct Tally: Sendable, Equatable {
        public var type: SignalType
        public var origin: ParticipantID
        /// `all`, `financial` or `allowlist`.
        public var audience: String
        public var count: Int
    }

    /// One week, Monday 00:00 UTC onwards.
    public struct Week: Sendable, Equatable {
        public var start: Date
        /// Live signals created that week.
        public var added: Int
        /// Signals removed or expired that week, as the removal records still held say.
        public var removed: Int
    }

    public var tallies: [Tally]
    public var weeks: [Week]
}

/// The review queue at a glance.
public struct QueueFigures: Sendable, Equatable {
    /// Items open or claimed.
    public var waiting: Int
    public var claimed: Int
    /// When the longest-waiting item first matched.
    public var oldest: Date?
    /// Signals flagged for matching unusually often, not yet decided.
    public var flagged: Int
}
