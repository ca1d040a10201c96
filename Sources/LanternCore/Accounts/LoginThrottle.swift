public import Foundation

/// How often a login may be tried: per account and per address, at most `attempts` within `window`, and an account
/// locks (until an admin unlocks it) after `lockAfter` failures in a row.
///
/// Pure and bounded: it keeps at most `maximumKeys` keys, forgetting the least recently seen, so a stranger cycling
/// through addresses or names cannot grow it; the locking count lives in the store, so it survives restarts.
public struct LoginThrottle: Sendable {
    public struct Limits: Sendable, Equatable {
        public var attempts: Int
        public var window: TimeInterval
        public var lockAfter: Int
        public var maximumKeys: Int

        public init(attempts: Int = 5, window: TimeInterval = 60, lockAfter: Int = 10, maximumKeys: Int = 10_000) {
            self.attempts = attempts
            self.window = window
            self.lockAfter = lockAfter
            self.maximumKeys = maximumKeys
        }
    }

    public let limits: Limits
    private var recent: [String: [Date]] = [:]
    private var lastSeen: [String: Date] = [:]

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Records an attempt by `account` from `address` at `now`, and says how long to wait if it is one too many.
    /// An attempt refused here is not counted, so waiting always helps.
    public mutating func attempt(account: String, address: String, now: Date) -> TimeInterval? {
        let keys = ["account:" + account, "address:" + address]
        var wait: TimeInterval = 0
        for key in keys {
            let kept = (recent[key] ?? []).filter { now.timeIntervalSince($0) < limits.window }
            recent[key] = kept
            if kept.count >= limits.attempts, let oldest = kept.first {
                wait = max(wait, limits.window - now.timeIntervalSince(oldest))
            }
        }
        if wait > 0 { return wait }
        for key in keys {
            recent[key, default: []].append(now)
            lastSeen[key] = now
        }
        forgetOldest()
        return nil
    }

    /// How many keys are held: never more than `maximumKeys`.
    public var keyCount: Int { recent.count }

    private mutating func forgetOldest() {
        guard recent.count > limits.maximumKeys else { return }
        // Down to nine tenths at once, so the sort is paid once per many new keys, not per attempt.
        let excess = recent.count - limits.maximumKeys * 9 / 10
        for (key, _) in lastSeen.sorted(by: { $0.value < $1.value }).prefix(excess) {
            recent[key] = nil
            lastSeen[key] = nil
        }
    }
}
