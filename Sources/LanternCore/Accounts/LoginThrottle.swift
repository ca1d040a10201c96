public import Foundation

/// How often a login may fail: per account and per address, at most `attempts` failures within `window`; a login
/// that succeeds spends nothing, so a team logging in at the start of a shift is never held up.
///
/// Pure and bounded: it keeps at most `maximumKeys` keys, forgetting the least recently seen, so a stranger cycling
/// through addresses or names cannot grow it. The hard lock (`lockAfter` wrong second-factor codes in a row) lives
/// in the store, so it survives restarts.
public struct LoginThrottle: Sendable {
    public struct Limits: Sendable, Equatable {
        public var attempts: Int
        public var window: TimeInterval
        /// Wrong codes in a row, after a right password, that lock the account until an admin unlocks it.
        public var lockAfter: Int
        public var maximumKeys: Int

        public init(attempts: Int = 5, window: TimeInterval = 60, lockAfter: Int = 5, maximumKeys: Int = 10_000) {
            self.attempts = attempts
            self.window = window
            self.lockAfter = lockAfter
            self.maximumKeys = maximumKeys
        }
    }

    public let limits: Limits
    private var failures: [String: [Date]] = [:]
    private var lastSeen: [String: Date] = [:]

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// How long `account` from `address` must wait before trying again at `now`, or nil if it may try.
    public mutating func wait(account: String, address: String, now: Date) -> TimeInterval? {
        var wait: TimeInterval = 0
        for key in Self.keys(account, address) {
            let kept = (failures[key] ?? []).filter { now.timeIntervalSince($0) < limits.window }
            failures[key] = kept.isEmpty ? nil : kept
            if kept.count >= limits.attempts, let oldest = kept.first {
                wait = max(wait, limits.window - now.timeIntervalSince(oldest))
            }
        }
        return wait > 0 ? wait : nil
    }

    /// Counts a failed attempt by `account` from `address`.
    public mutating func recordFailure(account: String, address: String, now: Date) {
        for key in Self.keys(account, address) {
            failures[key, default: []].append(now)
            lastSeen[key] = now
        }
        forgetOldest()
    }

    /// How many keys are held: never more than `maximumKeys`.
    public var keyCount: Int { failures.count }

    private static func keys(_ account: String, _ address: String) -> [String] { ["account:" + account, "address:" + address] }

    private mutating func forgetOldest() {
        guard failures.count > limits.maximumKeys else { return }
        // Down to nine tenths at once, so the sort is paid once per many new keys, not per attempt.
        let excess = failures.count - limits.maximumKeys * 9 / 10
        for (key, _) in lastSeen.sorted(by: { $0.value < $1.value }).prefix(excess) {
            failures[key] = nil
            lastSeen[key] = nil
        }
        lastSeen = lastSeen.filter { failures[$0.key] != nil }
    }
}
