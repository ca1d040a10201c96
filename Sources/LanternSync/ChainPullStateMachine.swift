/// One chain's pull from one peer, as a state machine: it decides which batch to ask for, when to wait, when to
/// apply and when to stop; the caller does the I/O each action names and reports back. No sockets, no clock.
///
/// The pull is pipelined in three stages: while batch n is verified and applied, batch n+1 is decoded and batch
/// n+2 is on its way. The next request needs only the previous batch's head, so it goes out as soon as a batch
/// arrives. A batch received is always applied before the pull stops for a failed request, so the next pull never
/// starts behind it. The caller keeps the batches received, in order: `apply` always means the oldest.
public struct ChainPullStateMachine: Sendable {
    public enum Action: Equatable, Sendable {
        /// Ask the peer for the chain's events after `after` (at most one request is in flight).
        case fetch(after: UInt64)
        /// Wait for the request in flight, then report `fetched(head:)` or `fetchFailed()`.
        case awaitFetch
        /// Verify and apply the oldest batch received, then report `applied(_:)`.
        case apply
        /// The request in flight failed and every batch received before it was applied: end the pull with its error.
        case fail
        /// Nothing more to pull from this chain: cancel a request still in flight.
        case finish
    }

    /// Where the round stands: a round awaits the request in flight, applies the batch received before it, then
    /// takes the new batch as the next one to apply.
    private enum Phase: Sendable {
        case awaiting
        case applying
        case failing
        case taking
        case finished
    }

    private let offered: ChainPosition
    private var have: ChainPosition?
    private var phase: Phase = .taking
    private var inFlight = false
    /// The request in flight asked for events after this sequence number.
    private var askedAfter: UInt64 = 0
    private var nextFetch: UInt64?
    /// A batch that arrived this round, and one from an earlier round waiting to be applied.
    private var arrived = false
    private var received = false
    private var failed = false

    /// A pull of the chain the peer lists at `offered`, from `have`. Nil when there is nothing to pull: a relay
    /// still on an older epoch of the chain than the one held.
    public init?(offered: ChainPosition, have: ChainPosition?) {
        if let held = have?.epoch, offered.epoch < held { return nil }
        self.offered = offered
        self.have = have
    }

    /// Whether a batch received waits to be applied: the pull then finishes it before it stops for cancellation.
    public var holdsReceivedBatch: Bool { received || arrived }

    /// What to do next.
    public mutating func next() -> Action {
        while true {
            if let after = nextFetch {
                nextFetch = nil
                inFlight = true
                askedAfter = after
                return .fetch(after: after)
            }
            switch phase {
            case .awaiting:
                if inFlight { return .awaitFetch }
                phase = .applying
            case .applying:
                if received { return .apply }
                phase = .failing
            case .failing:
                if failed {
                    phase = .finished
                    return .fail
                }
                phase = .taking
            case .taking:
                received = arrived
                arrived = false
                if !inFlight, !received, isBehind { nextFetch = start }
                guard inFlight || received || nextFetch != nil else {
                    phase = .finished
                    return .finish
                }
                phase = .awaiting
            case .finished:
                return .finish
            }
        }
    }

    /// The request in flight answered with a batch ending at `head`. The next request goes out at once while the
    /// chain goes on in the epoch listed; a head that does not move past what was asked for asks for nothing more.
    public mutating func fetched(head: ChainHead) {
        precondition(inFlight, "fetched(head:) without a request in flight")
        inFlight = false
        arrived = true
        if head.epoch == offered.epoch, head.seq < offered.seq, head.seq > askedAfter { nextFetch = head.seq }
        phase = .applying
    }

    /// The request in flight failed (a transport error, a malformed answer, a deadline).
    public mutating func fetchFailed() {
        precondition(inFlight, "fetchFailed() without a request in flight")
        inFlight = false
        failed = true
        phase = .applying
    }

    /// The oldest batch was applied and the chain now stands at `position`; nil when it was refused or already
    /// held, which ends the pull of this chain, as does a position no further on than the one held.
    public mutating func applied(_ position: ChainPosition?) {
        precondition(received, "applied(_:) without a batch to apply")
        received = false
        // A refusal, or a batch that moved the chain nowhere, ends the pull: asking again would get the same answer.
        guard let position, !(have.map { $0.epoch == position.epoch && $0.seq >= position.seq } ?? false) else {
            phase = .finished
            return
        }
        have = position
        phase = .failing
    }

    /// Whether the chain listed is ahead of what is held.
    private var isBehind: Bool {
        guard let have else { return true }
        return have.epoch != offered.epoch || have.seq < offered.seq
    }

    /// Where a fresh request starts: after what is held in the epoch listed, or from the start of a new epoch.
    private var start: UInt64 {
        have?.epoch == offered.epoch ? have?.seq ?? 0 : 0
    }
}
