public import Foundation

/// How often a login may fail, within `window`: `attempts` times for one account from one address, four times that
/// from one address whatever the account, and ten times that for one account from everywhere. A stranger at one
/// address cannot keep a person out, a stranger at many addresses only slows them once the account's ceiling is
/// reached, and a login that succeeds spends nothing.
///
/// An attempt reserves its place before the password is checked (`reserve`) and gives it back when it succeeds
/// (`forgive`), so requests sent at once cannot all pass the check before any failure counts. Pure and bounded: at
/// most `maximumKeys` keys, the least recently seen forgotten first. The hard lock (`lockAfter` wrong codes in a
/// row) lives in the store, so it survives restarts.
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

    private func keys(_ account: String, _ address: String) -> [(key: String, limit: Int)] {
        [
            ("pair:" + account + "|" + address, limits.attempts), ("address:" + address, limits.attempts * 4),
            ("account:" + account, limits.attempts * 10),
        ]
    }

    /// Reserves an attempt by `account` from `address` at `now`, counted as a failure until `forgive` takes it back.
    /// - Returns: how long to wait instead, when a limit is reached (nothing is reserved then).
    public mutating func reserve(account: String, address: String, now: Date) -> TimeInterval? {
        var wait: TimeInterval = 0
        for (key, limit) in keys(account, address) {
            let kept = (failures[key] ?? []).filter { now.timeIntervalSince($0) < limits.window }
            failures[key] = kept.isEmpty ? nil : kept
            if kept.isEmpty { lastSeen[key] = nil }
            if kept.count >= limit, let oldest = kept.first {
                wait = max(wait, limits.window - now.timeIntervalSince(oldest))
            }
        }
        if wait > 0 { return wait }
        for (key, _) in keys(account, address) {
            failures[key, default: []].append(now)
            lastSeen[key] = now
        }
        forgetOldest()
        return nil
    }

    /// Takes back the attempt reserved at `reservedAt`: it succeeded.
    public mutating func forgive(account: String, address: String, reservedAt: Date) {
        for (key, _) in keys(account, address) {
            guard var times = failures[key], let index = times.lastIndex(of: reservedAt) else { continue }
            times.remove(at: index)
            failures[key] = times.isEmpty ? nil : times
            if times.isEmpty { lastSeen[key] = nil }
        }
    }

    /// How many keys are held: never more than `maximumKeys`.
    public var keyCount: Int { failures.count }

    private mutating func forgetOldest() {
        guard failures.count > limits.maximumKeys else { return }
        // Down to nine tenths at once, so the sort is paid once per many new keys, not per attempt.
        let excess = failures.count - limits.maximumKeys * 9 / 10
        for (key, _) in lastSeen.sorted(by: { $0.value < $1.value }).prefix(excess) {
            failures[key] = nil
            lastSeen[key] = nil
        }
    }
}
