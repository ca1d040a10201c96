import Benchmark
import BenchmarkSupport
import Foundation
import LanternCore
import LanternSync
import LanternTesting
import LanternWire

/// Reading and writing JSON where a node spends its time: bodies a peer sends, the canonical bodies an origin
/// serves, and the draft lines of an import. Each iteration handles the same 1,000 synthetic signals.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .lantern()

    let now = Date(timeIntervalSince1970: 1_790_000_000)
    let lines = (0..<1000).map { Array(SyntheticSignals.line($0).utf8) }
    let validator = Fixtures.validator()
    let signals = lines.enumerated().map { i, line in
        let draft = try! JSONDecoder().decode(SignalDraft.self, from: Data(line))
        return try! validator.validateNew(draft, id: Fixtures.signalID(UInt64(i), at: now), author: Fixtures.alpha.id, now: now)
    }
    let bodies = signals.map { SignalWire.encode($0) }

    Benchmark("decode_1000_received_bodies") { benchmark in
        for body in bodies { blackHole(try SignalWire.decode(body)) }
    }
    Benchmark("write_1000_canonical_bodies") { benchmark in
        for signal in signals { blackHole(SignalWire.encode(signal)) }
    }
    Benchmark("read_1000_draft_lines") { benchmark in
        for line in lines { line.withUnsafeBufferPointer { blackHole(DraftParser.parse($0)) } }
    }
    Benchmark("repeated_keys_1000_bodies") { benchmark in
        for body in bodies { blackHole(JSONRepeatedKeys.first(in: body)) }
    }
}
