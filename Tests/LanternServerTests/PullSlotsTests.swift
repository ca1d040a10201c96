import Synchronization
import Testing

@testable import LanternServer

/// However many pulls are asked for at once, no more than the configured number run.
@Suite struct PullSlotsTests {
    @Test func noMoreThanTheSlotsRunAtOnceAndEveryoneGetsATurn() async {
        final class Running: Sendable {
            let counts = Mutex((now: 0, most: 0, done: 0))
        }
        let slots = PullSlots(3)
        let running = Running()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    await slots.acquire()
                    running.counts.withLock {
                        $0.now += 1
                        $0.most = max($0.most, $0.now)
                    }
                    try? await Task.sleep(for: .milliseconds(20))
                    running.counts.withLock {
                        $0.now -= 1
                        $0.done += 1
                    }
                    await slots.release()
                }
            }
        }
        let final = running.counts.withLock { $0 }
        #expect(final.most == 3)
        #expect(final.done == 12)
    }
}
