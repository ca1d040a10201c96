import ArgumentParser
import Crypto
import Foundation
import LanternClient
import LanternCore
import LanternStore
import LanternSync
import LanternTesting

/// A full sync's work, stage by stage, in this one process and on one thread: what the origin does to serve each
/// batch and what the receiver does to take it, with no network, TLS or scheduling in between. The federation
/// benchmark measures the whole; this one says where each event's time goes, and its figures vary far less.
struct BenchReceive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "Time each stage of serving and taking a full sync, in one process, per event.",
        discussion: """
            Stores --count signals (the federation benchmark's mix) in an origin's store, builds its chain, then moves \
            the chain to a new receiver's store batch by batch as a real sync does: read and frame (origin), unframe, \
            decode and validate bodies, verify the chain, apply (receiver). Build in release mode first.
            """)

    @Option(help: "Signals in the origin's chain.") var count: Int = 200_000
    @Option(help: "Events per batch.") var batchSize: Int = 5000
    @Option(help: "The stores' SQLite synchronous setting: full or normal.") var synchronous: NodeStore.Synchronous = .full

    func run() async throws {
        let (originDirectory, receiverDirectory) = (try TemporaryDirectory(), try TemporaryDirectory())
        let origin = try Fixtures.store(in: originDirectory, as: Fixtures.alpha, synchronous: synchronous)
        let receiver = try Fixtures.store(in: receiverDirectory, as: Fixtures.bravo, synchronous: synchronous)
        let key = P256.Signing.PrivateKey()
        print("Storing \(count) signals in the origin and building its chain…")
        try SyntheticSignals.store(count, in: origin)
        while try origin.chains.build() > 0 {}

        var stages = Stages()
        let verifier = ChainVerifier(receiver: Fixtures.bravo, directory: Fixtures.directory)
        var have: ChainPosition?
        var events = 0
        while true {
            let frame = try stages.time(\.serve) { () -> [UInt8]? in
                let batch = try origin.chains.events(origin: Fixtures.alpha.id, scope: .all, after: have?.seq ?? 0, limit: batchSize)
                guard let last = batch.last else { return nil }
                let message = ChainBatchMessage(
                    batch: ChainBatch(events: batch, head: try ChainHead.sign(last, with: key)), originCertificate: "")
                return try ChainBatchFrame.encode(message)
            }
            guard let frame else { break }
            let message = try stages.time(\.unframe) { try ChainBatchFrame.decode(frame) }
            let decoded = stages.time(\.decode) { message.batch.decodedSignals() }
            let outcome = stages.time(\.verify) { verifier.verify(message.batch, have: have, originKey: key.publicKey) }
            guard case .apply(let fresh, let position, let newEpoch) = outcome else {
                throw ClientError(.failure, "The receiver refused a batch: \(outcome)")
            }
            try stages.time(\.apply) {
                _ = try receiver.chains.applyBatch(
                    origin: Fixtures.alpha.id, scope: .all, events: fresh, head: message.batch.head, position: position,
                    newEpoch: newEpoch, decoded: decoded)
            }
            have = position
            events += fresh.count
        }
        guard events == count, try receiver.signals.count() == count else {
            throw ClientError(.failure, "The receiver holds \(try receiver.signals.count()) signals of \(count).")
        }
        stages.print(events: events)
    }

    struct Stages {
        var serve = Duration.zero, unframe = Duration.zero, decode = Duration.zero, verify = Duration.zero, apply = Duration.zero

        mutating func time<T>(_ stage: WritableKeyPath<Stages, Duration>, _ body: () throws -> T) rethrows -> T {
            let start = ContinuousClock.now
            defer { self[keyPath: stage] += ContinuousClock.now - start }
            return try body()
        }

        func print(events: Int) {
            func micros(_ duration: Duration) -> Double {
                (Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12) / Double(events)
            }
            let rows: [(String, Duration)] = [
                ("origin: read the chain and the signals, frame the batch", serve),
                ("receiver: read the frame", unframe), ("receiver: decode and validate bodies", decode),
                ("receiver: verify the chain", verify), ("receiver: apply (one write transaction)", apply),
            ]
            Swift.print("\(events) events, per event, on one thread:")
            let receiver = unframe + decode + verify + apply
            for (name, duration) in rows + [("receiver, all stages", receiver), ("origin and receiver together", receiver + serve)] {
                Swift.print("  " + name.padding(toLength: 58, withPad: " ", startingAt: 0) + String(format: "%6.2f µs", micros(duration)))
            }
        }
    }
}
