import Foundation
public import LanternStore
public import Logging
public import ServiceLifecycle

/// Publishes this node's changes to its chains in the background, from the change log, so writes and imports
/// never wait for it. Each round is one transaction per batch and resumes from the builder's cursor.
public struct ChainBuilderService: Service {
    let store: NodeStore
    let interval: Duration
    let logger: Logger
    let published: @Sendable () async -> Void

    /// - Parameter published: called after a round that published something, to tell peers.
    public init(
        store: NodeStore, interval: Duration = .milliseconds(200), logger: Logger, published: @escaping @Sendable () async -> Void = {}
    ) {
        self.store = store
        self.interval = interval
        self.logger = logger
        self.published = published
    }

    /// Publishes as soon as the store reports a local change, and on the interval as a backstop (a change made by
    /// another process on the same home, a round that failed).
    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await Periodic.run(every: interval) { if buildAll() > 0 { await published() } } }
            group.addTask {
                await cancelWhenGracefulShutdown {
                    for await _ in store.localChanges { if buildAll() > 0 { await published() } }
                }
            }
        }
    }

    /// Publishes everything pending. - Returns: the number of changes published.
    @discardableResult
    public func buildAll(batch: Int = 5000) -> Int {
        var total = 0
        do {
            while true {
                let count = try store.chains.build(limit: batch)
                total += count
                if count < batch { break }
            }
        } catch {
            logger.error("Publishing to the chains failed; the next round retries", metadata: ["error": "\(error)"])
        }
        if total > 0 { logger.debug("Published changes to the chains", metadata: ["count": "\(total)"]) }
        return total
    }
}
