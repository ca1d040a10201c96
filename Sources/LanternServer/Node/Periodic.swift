import ServiceLifecycle

/// The loop of the node's background services: run the work, wait, again, until graceful shutdown, which cancels
/// only the wait, never a round of work (each round's writes are whole transactions anyway).
enum Periodic {
    static func run(every interval: Duration, waitFirst: Bool = false, _ round: @escaping @Sendable () async -> Void) async {
        await cancelWhenGracefulShutdown {
            if waitFirst { try? await Task.sleep(for: interval) }
            while !Task.isCancelled {
                await round()
                try? await Task.sleep(for: interval)
            }
        }
    }
}
