import Dispatch
import Synchronization

extension PDQIndex {
    /// The matches of each query, in order, answered on `threads` threads at once; each answer is what
    /// `matches(_:within:)` gives. (`lantern-bench pdq` measures it; the match route still asks one at a time.)
    public func matches(_ queries: [PDQHash], within threshold: Int, threads: Int) -> [[(key: Key, distance: Int)]] {
        let threads = max(1, min(threads, queries.count))
        guard threads > 1 else { return queries.map { matches($0, within: threshold) } }
        let answers = Mutex<[[(key: Key, distance: Int)]]>(Array(repeating: [], count: queries.count))
        // Every thread takes every `threads`-th query, and hands its answers over once, at the end.
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            var mine: [(index: Int, found: [(key: Key, distance: Int)])] = []
            for index in stride(from: thread, to: queries.count, by: threads) {
                mine.append((index, matches(queries[index], within: threshold)))
            }
            answers.withLock { answers in
                for answer in mine { answers[answer.index] = answer.found }
            }
        }
        return answers.withLock { $0 }
    }
}
