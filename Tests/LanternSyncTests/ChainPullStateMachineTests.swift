import LanternCore
import LanternSync
import Testing

@Suite struct ChainPullStateMachineTests {
    static let origin = ParticipantID("alpha")!

    static func position(_ seq: UInt64, epoch: String = "e1") -> ChainPosition { ChainPosition(epoch: epoch, seq: seq, hash: .zero) }

    static func head(_ seq: UInt64, epoch: String = "e1") -> ChainHead {
        ChainHead(origin: origin, scope: "all", epoch: epoch, seq: seq, hash: .zero, signature: "")
    }

    /// Plays a peer that serves `offered` in batches of `size`: each request answers up to `size` events after
    /// what was asked, until `failAt` requests have been made. `refuseAt` makes that many-th apply a refusal.
    struct Peer {
        var offered: ChainPosition
        var size: UInt64
        var failAt: Int?
        var refuseAt: Int?
        var trace: [ChainPullStateMachine.Action] = []
        var applied: [UInt64] = []

        init(offered: ChainPosition, size: UInt64, failAt: Int? = nil, refuseAt: Int? = nil) {
            self.offered = offered
            self.size = size
            self.failAt = failAt
            self.refuseAt = refuseAt
        }

        /// Runs the machine to its end. - Returns: the last action (`finish` or `fail`).
        mutating func run(_ machine: inout ChainPullStateMachine, limit: Int = 10_000) -> ChainPullStateMachine.Action {
            var inFlight: UInt64?
            var received: [UInt64] = []
            var requests = 0
            for _ in 0..<limit {
                let action = machine.next()
                trace.append(action)
                switch action {
                case .fetch(let after):
                    #expect(inFlight == nil, "two requests in flight")
                    inFlight = after
                    requests += 1
                case .awaitFetch:
                    guard let after = inFlight else {
                        Issue.record("awaited with nothing in flight")
                        return action
                    }
                    inFlight = nil
                    if requests == failAt {
                        machine.fetchFailed()
                    } else {
                        let end = min(offered.seq, after + size)
                        received.append(end)
                        machine.fetched(head: head(end, epoch: offered.epoch))
                    }
                case .apply:
                    guard !received.isEmpty else {
                        Issue.record("asked to apply with nothing received")
                        return action
                    }
                    let end = received.removeFirst()
                    if applied.count + 1 == refuseAt {
                        machine.applied(nil)
                    } else {
                        applied.append(end)
                        machine.applied(position(end, epoch: offered.epoch))
                    }
                case .fail, .finish:
                    return action
                }
            }
            Issue.record("the pull did not end within \(limit) steps")
            return .finish
        }
    }

    @Test func aChainHeldInFullAsksForNothing() throws {
        var machine = try #require(ChainPullStateMachine(offered: Self.position(300), have: Self.position(300)))
        #expect(machine.next() == .finish)
        #expect(machine.next() == .finish)
    }

    @Test func aRelayStillOnAnOlderEpochIsSkipped() {
        #expect(ChainPullStateMachine(offered: Self.position(900, epoch: "e1"), have: Self.position(10, epoch: "e2")) == nil)
    }

    @Test func theNextRequestGoesOutBeforeTheBatchBeforeItIsApplied() throws {
        var machine = try #require(ChainPullStateMachine(offered: Self.position(300), have: nil))
        var peer = Peer(offered: Self.position(300), size: 100)
        #expect(peer.run(&machine) == .finish)
        #expect(
            peer.trace == [
                .fetch(after: 0), .awaitFetch, .fetch(after: 100), .awaitFetch, .fetch(after: 200), .apply, .awaitFetch, .apply, .apply,
                .finish,
            ])
        #expect(peer.applied == [100, 200, 300])
    }

    @Test func aPullResumesAfterWhatIsHeld() throws {
        var machine = try #require(ChainPullStateMachine(offered: Self.position(250), have: Self.position(120)))
        var peer = Peer(offered: Self.position(250), size: 100)
        #expect(peer.run(&machine) == .finish)
        #expect(peer.trace.first == .fetch(after: 120))
        #expect(peer.applied == [220, 250])
    }

    @Test func aNewEpochIsPulledFromItsStart() throws {
        var machine = try #require(ChainPullStateMachine(offered: Self.position(50, epoch: "e2"), have: Self.position(400, epoch: "e1")))
        var peer = Peer(offered: Self.position(50, epoch: "e2"), size: 100)
        #expect(peer.run(&machine) == .finish)
        #expect(peer.trace.first == .fetch(after: 0))
        #expect(peer.applied == [50])
    }

    @Test func everyBatchReceivedIsAppliedBeforeAFailedRequestEndsThePull() throws {
        var machine = try #require(ChainPullStateMachine(offered: Self.position(500), have: nil))
        var peer = Peer(offered: Self.position(500), size: 100, failAt: 3)
        #expect(peer.run(&machine) == .fail)
        #expect(peer.applied == [100, 200])
        #expect(peer.trace.suffix(3) == [.awaitFetch, .apply, .fail])
    }

    @Test func aRefusedBatchEndsThePullWithTheNextRequestCancelled() throws {
        var machine = try #require(ChainPullStateMachine(offered: Self.position(500), have: nil))
        var peer = Peer(offered: Self.position(500), size: 100, refuseAt: 1)
        #expect(peer.run(&machine) == .finish)
        #expect(peer.applied == [])
        // The request for the batch after the refused one had gone out: `finish` tells the caller to cancel it.
        #expect(peer.trace == [.fetch(after: 0), .awaitFetch, .fetch(after: 100), .awaitFetch, .fetch(after: 200), .apply, .finish])
    }

    @Test func aPeerWhoseHeadsDoNotMoveCannotKeepThePullGoing() throws {
        var machine = try #require(ChainPullStateMachine(offered: Self.position(500), have: Self.position(100)))
        #expect(machine.next() == .fetch(after: 100))
        #expect(machine.next() == .awaitFetch)
        // A head no further on than what was asked for: no request follows it.
        machine.fetched(head: Self.head(100))
        #expect(machine.next() == .apply)
        // Applied, it moves the chain nowhere: the pull ends rather than asking again for the same batch.
        machine.applied(Self.position(100))
        #expect(machine.next() == .finish)
    }

    @Test func everySchedulePullsTheWholeChainInOrderOrEnds() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let length = UInt64.random(in: 0...2_000, using: &generator)
            let held = UInt64.random(in: 0...length, using: &generator)
            let size = UInt64.random(in: 1...300, using: &generator)
            let failAt = Bool.random(using: &generator) ? Int.random(in: 1...10, using: &generator) : nil
            let offered = Self.position(length)
            guard var machine = ChainPullStateMachine(offered: offered, have: held == 0 ? nil : Self.position(held)) else {
                Issue.record("a chain of the same epoch was skipped")
                continue
            }
            var peer = Peer(offered: offered, size: size, failAt: failAt)
            let end = peer.run(&machine)
            #expect(peer.applied == peer.applied.sorted())
            if end == .finish {
                #expect((peer.applied.last ?? held) == length, "a pull that finished stopped short of the chain's end")
            }
        }
    }
}
