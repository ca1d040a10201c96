import Foundation
import LanternStore
public import Logging
public import ServiceLifecycle

/// Removes expired signals, the node's own and received ones, on a fixed interval.
public struct RetentionSweeper: Service {
    let service: SignalService
    let interval: Duration
    let logger: Logger

    public init(service: SignalService, interval: Duration, logger: Logger) {
        self.service = service
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await Periodic.run(every: interval) { sweepOnce() }
    }

    /// Runs one sweep and logs what it removed (types and counts only).
    @discardableResult
    public func sweepOnce() -> Int {
        do {
            if service.store.retryPendingLogTruncation() {
                logger.warning("The write-ahead log still holds removed content: a reader keeps an old snapshot open")
            }
            let removed = try service.sweepExpired()
            if !removed.isEmpty {
                logger.info("Retention sweep removed expired signals", metadata: ["count": "\(removed.count)"])
            }
            return removed.count
        } catch {
            logger.error("Retention sweep failed", metadata: ["error": "\(error)"])
            return 0
        }
    }
}
