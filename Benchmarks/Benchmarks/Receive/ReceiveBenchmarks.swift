import Benchmark
import BenchmarkSupport
import Crypto
import Foundation
import LanternCore
import LanternStore
import LanternSync
import LanternTesting

/// One batch of a full sync, stage by stage, with no network in between: what the origin does to serve it, what the
/// receiver does to read and check it, and the one write transaction that applies it. `lantern-bench receive`
/// times a whole chain the same way; these hold each stage to its thresholds.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .lantern(maxDuration: .seconds(3), maxIterations: 50)

    Benchmark("serve_batch_5000_events") { benchmark in
        blackHole(try Chain.shared.frame())
    }
    Benchmark("unframe_decode_verify_batch_5000_events") { benchmark in
        let message = try ChainBatchFrame.decode(Chain.shared.firstFrame)
        blackHole(message.batch.decodedSignals())
        blackHole(Chain.shared.verifier.verify(message.batch, have: nil, originKey: Chain.shared.key.publicKey))
    }
    Benchmark("apply_batch_5000_events") { benchmark in
        let chain = Chain.shared
        let directory = try TemporaryDirectory(prefix: "lantern-bench")
        let receiver = try Fixtures.store(in: directory, as: Fixtures.bravo)
        let message = try ChainBatchFrame.decode(chain.firstFrame)
        let decoded = message.batch.decodedSignals()
        guard case .apply(let fresh, let position, let newEpoch) = chain.verifier.verify(message.batch, have: nil, originKey: chain.key.publicKey)
        else { fatalError("The receiver refused the origin's batch.") }
        benchmark.startMeasurement()
        let summary = try receiver.chains.applyBatch(
            origin: Fixtures.alpha.id, scope: .all, events: fresh, head: message.batch.head, position: position, newEpoch: newEpoch,
            decoded: decoded)
        benchmark.stopMeasurement()
        precondition(summary.stored == Chain.batchSize, "The batch applied \(summary.stored) of \(Chain.batchSize) signals.")
    }
}

/// An origin's store holding one batch's signals, its chain built, and that batch framed as the origin serves it.
/// Unchecked because swift-crypto's keys are not marked Sendable on Linux; every property is set once, then read.
final class Chain: @unchecked Sendable {
    static let batchSize = 5000
    static let shared = try! Chain()

    let directory: TemporaryDirectory
    let origin: NodeStore
    let key = P256.Signing.PrivateKey()
    let verifier = ChainVerifier(receiver: Fixtures.bravo, directory: Fixtures.directory)
    let firstFrame: [UInt8]

    init() throws {
        directory = try TemporaryDirectory(prefix: "lantern-bench")
        origin = try Fixtures.store(in: directory, as: Fixtures.alpha)
        try SyntheticSignals.store(Self.batchSize, in: origin)
        while try origin.chains.build() > 0 {}
        firstFrame = try Self.frame(of: origin, key: key)
    }

    /// The origin's first batch of events, signed and framed.
    func frame() throws -> [UInt8] { try Self.frame(of: origin, key: key) }

    static func frame(of origin: NodeStore, key: P256.Signing.PrivateKey) throws -> [UInt8] {
        let events = try origin.chains.events(origin: Fixtures.alpha.id, scope: .all, after: 0, limit: batchSize)
        guard let last = events.last else { fatalError("The origin's chain is empty.") }
        let message = ChainBatchMessage(batch: ChainBatch(events: events, head: try ChainHead.sign(last, with: key)), originCertificate: "")
        return try ChainBatchFrame.encode(message)
    }
}
