public import Benchmark

extension Benchmark.Configuration {
    /// What every suite measures: time is reported, and allocations are held to the stored thresholds (2% either
    /// way fails), being the same on every machine.
    public static func lantern(maxDuration: Duration = .seconds(2), maxIterations: Int = 200) -> Benchmark.Configuration {
        .init(
            metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
            maxDuration: maxDuration, maxIterations: maxIterations,
            thresholds: [.mallocCountTotal: .init(relative: [.p90: 2.0])])
    }
}
