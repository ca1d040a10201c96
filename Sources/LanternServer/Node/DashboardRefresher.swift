import Foundation
public import Logging
public import ServiceLifecycle

/// Keeps the dashboard's figures fresh in the background, so a page reads them instead of scanning the signals.
public struct DashboardRefresher: Service {
    let service: SignalService
    let interval: Duration
    let logger: Logger

    public init(service: SignalService, interval: Duration = .seconds(60), logger: Logger) {
        self.service = service
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        // The first page counts for itself; from then on the figures are kept fresh here.
        await Periodic.run(every: interval, waitFirst: true) {
            do { try service.refreshDashboard() } catch { logger.error("Counting the dashboard's figures failed", metadata: ["error": "\(error)"]) }
        }
    }
}
