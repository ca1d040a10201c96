public import ArgumentParser
import LanternStore

/// `--synchronous full|normal` on the benchmarks.
extension NodeStore.Synchronous: ExpressibleByArgument {}
