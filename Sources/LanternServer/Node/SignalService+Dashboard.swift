public import Foundation
public import LanternStore
import Synchronization

/// What the dashboard shows: counts only, never a value or an id, so reading them is not an audited read.
public struct DashboardFigures: Sendable {
    public var signals: SignalFigures
    public var queue: QueueFigures
    /// When the figures were counted.
    public var countedAt: Date
}

extension SignalService {
    /// The dashboard's figures, counted at most `maxAge` seconds ago. Counting scans the signals, so pages read
    /// the figures `DashboardRefresher` keeps fresh, and count themselves only when there are none yet.
    public func dashboard(maxAge: TimeInterval = 120) throws -> DashboardFigures {
        let now = self.now
        if let cached = dashboardCache.withLock({ $0 }), now.timeIntervalSince(cached.countedAt) < maxAge { return cached }
        return try refreshDashboard()
    }

    /// Counts the dashboard's figures now and keeps them.
    @discardableResult
    public func refreshDashboard() throws -> DashboardFigures {
        let now = self.now
        let figures = DashboardFigures(signals: try store.signals.figures(now: now), queue: try store.review.queueFigures(), countedAt: now)
        dashboardCache.withLock { $0 = figures }
        return figures
    }
}
