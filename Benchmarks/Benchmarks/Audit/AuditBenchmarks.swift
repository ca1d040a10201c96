import Benchmark
import BenchmarkSupport
import Foundation
import LanternCore
import LanternStore
import LanternTesting

/// What the audit log costs where it is written most: a batch of an import through the API stores 5,000 signals and,
/// under the request's `AuditScope`, one record naming them, in the same transaction; a read through the API adds a
/// record in a transaction of its own. The first two run the same batch without and with the record.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .lantern(maxDuration: .seconds(5), maxIterations: 30)
    let batch = try! SyntheticSignals.signals(0..<5000, now: Date(timeIntervalSince1970: 1_790_000_000))
    let scope = AuditScope(actor: .token(id: "tok_0123456789abcdef", owner: "ana"), address: "127.0.0.1")

    Benchmark("add_5000_own_signals") { benchmark in
        let directory = try TemporaryDirectory(prefix: "lantern-bench")
        let store = try Fixtures.store(in: directory)
        benchmark.startMeasurement()
        blackHole(try store.signals.addLocal(batch))
        benchmark.stopMeasurement()
    }
    Benchmark("add_5000_own_signals_audited") { benchmark in
        let directory = try TemporaryDirectory(prefix: "lantern-bench")
        let store = try Fixtures.store(in: directory)
        benchmark.startMeasurement()
        try AuditScope.$current.withValue(scope) { blackHole(try store.signals.addLocal(batch)) }
        benchmark.stopMeasurement()
        let records = try store.audit.verify().records
        precondition(records == 1, "The batch left \(records) audit records, not one.")
    }
    Benchmark("record_100_reads") { benchmark in
        let directory = try TemporaryDirectory(prefix: "lantern-bench")
        let store = try Fixtures.store(in: directory)
        let ids = batch.prefix(100).map(\.id.rawValue)
        benchmark.startMeasurement()
        for id in ids { try store.audit.append(scope.entry(.signalView, targets: [id], detail: ["found": "live"]), now: Date()) }
        benchmark.stopMeasurement()
    }
}
