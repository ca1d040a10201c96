public import Crypto
import Foundation
public import LanternCore

/// Events of one origin's chain for one scope, as a peer sends them, ending at a head the origin signed.
public struct ChainBatch: Hashable, Sendable, Codable {
    public var events: [ChainEvent]
    public var head: ChainHead

    public init(events: [ChainEvent], head: ChainHead) {
        self.events = events
        self.head = head
    }
}

/// Decides whether a batch received from a peer (the origin or a relay) may be applied.
///
/// It is pure: it checks the batch against the receiver's position and the origin's public key, and says what
/// to do. Nothing a relay can do passes it: an altered value changes a body digest or a hash, a forged origin
/// cannot sign the head, a replayed batch is already behind the position, and a batch for a scope the receiver
/// may not see, or from an origin that may not author, is refused.
public struct ChainVerifier: Sendable {
    public var receiver: Participant
    public var directory: ParticipantDirectory

    public init(receiver: Participant, directory: ParticipantDirectory) {
        self.receiver = receiver
        self.directory = directory
    }

    public enum Outcome: Equatable, Sendable {
        /// Apply `events` (those past the receiver's position, in order) and move to `position`.
        /// `newEpoch` says the origin started its chain again, so a full resync of that origin is under way.
        case apply(events: [ChainEvent], position: ChainPosition, newEpoch: Bool)
        /// Every event is at or behind the receiver's position: nothing to do (a replay, or a slow relay).
        case alreadyHeld
        /// The batch belongs to an epoch older than the one the receiver holds (a relay that has not caught up).
        case olderEpoch
        /// The batch starts after the receiver's position: earlier events must come first.
        case gap(expected: UInt64, got: UInt64)
        /// The batch is refused; the refusal names the rule.
        case refused(Refusal)
    }

    /// Why a batch was refused: a kind for metrics and a sentence for logs and reports.
    public struct Refusal: Equatable, Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable, CaseIterable {
            /// The batch is empty or names no scope.
            case malformed
            /// The receiver may not hold the scope, or the origin may not author in it.
            case notEntitled = "not_entitled"
            /// The chain is broken or altered: a gap, a bad link, hash or body digest, or a fork.
            case broken
            /// The head is not signed by the origin.
            case unsigned
        }

        public var kind: Kind
        public var message: String
        public var description: String { message }

        public init(_ kind: Kind, _ message: String) {
            self.kind = kind
            self.message = message
        }
    }

    /// - Parameters:
    ///   - have: where the receiver stands in this chain, if it holds it.
    ///   - newestEpoch: the newest epoch of this origin the receiver holds in any chain. Epochs are the origin's,
    ///     not a chain's: once an origin restored or compacted, none of its older epochs is taken again, even for a
    ///     chain the receiver never held (the origin's tombstones may have been collected since).
    ///   - eventsIntact: true when the caller already found every event's hash and body digest right
    ///     (`ChainBatch.eventsAreIntact`, which a receiver works out ahead, off its write path); they are then not
    ///     checked again. Everything else is.
    public func verify(
        _ batch: ChainBatch, have: ChainPosition?, newestEpoch: String? = nil, originKey: P256.Signing.PublicKey, eventsIntact: Bool = false
    ) -> Outcome {
        let head = batch.head
        guard let first = batch.events.first, let last = batch.events.last else { return .refused(Refusal(.malformed, "The batch has no events.")) }
        guard let scope = Scope(head.scope) else { return .refused(Refusal(.malformed, "'\(head.scope)' is not a scope.")) }
        guard batch.events.allSatisfy({ $0.origin == head.origin && $0.scope == head.scope && $0.epoch == head.epoch }) else {
            return .refused(Refusal(.malformed, "An event's origin, scope or epoch differs from the batch's head."))
        }
        guard let origin = directory[head.origin] else { return .refused(Refusal(.notEntitled, "Origin \(head.origin) is not in the registry.")) }
        // Anyone may react; only tech participants author signals, removals and retractions.
        if case .reactions = scope {
            guard batch.events.allSatisfy({ $0.kind == .upsert }) else {
                return .refused(Refusal(.notEntitled, "A reactions chain holds only reactions."))
            }
        } else {
            guard origin.role == .tech else {
                return .refused(Refusal(.notEntitled, "Origin \(head.origin) is a financial institution and may not author signals."))
            }
        }
        guard scope.isEntitled(receiver, origin: head.origin) else {
            return .refused(Refusal(.notEntitled, "Participant \(receiver.id) is not entitled to scope \(scope) of \(head.origin)."))
        }
        if case .allowlist(let members) = scope, let outsider = members.first(where: { directory[$0]?.role != .tech }) {
            return .refused(Refusal(.notEntitled, "Scope \(scope) names \(outsider), which is not a tech participant in the registry."))
        }
        // Sequence numbers and revisions are stored as signed 64-bit integers: larger ones are refused, not trapped on.
        guard batch.events.allSatisfy({ $0.seq <= UInt64(Int64.max) && $0.revision <= UInt64(Int64.max) }), head.seq <= UInt64(Int64.max) else {
            return .refused(Refusal(.malformed, "An event's sequence number or revision is larger than 2^63 - 1."))
        }
        // The chain itself: contiguous, linked, every hash and body digest right, and the head signed by the origin.
        for (index, event) in batch.events.enumerated() {
            if index > 0 {
                let previous = batch.events[index - 1]
                guard event.seq == previous.seq &+ 1 else {
                    return .refused(Refusal(.broken, "Sequence numbers jump from \(previous.seq) to \(event.seq)."))
                }
                guard event.previousHash == previous.hash else {
                    return .refused(Refusal(.broken, "Event \(event.seq) does not link to event \(previous.seq)."))
                }
            }
            if eventsIntact { continue }
            guard event.hashIsValid else { return .refused(Refusal(.broken, "Event \(event.seq) does not match its hash.")) }
            guard event.bodyMatchesDigest else { return .refused(Refusal(.broken, "The body of event \(event.seq) was altered.")) }
        }
        guard head.seq == last.seq, head.hash == last.hash else { return .refused(Refusal(.broken, "The head does not end the batch.")) }
        guard head.isSigned(by: originKey) else { return .refused(Refusal(.unsigned, "The head is not signed by \(head.origin).")) }

        let position = ChainPosition(epoch: head.epoch, seq: last.seq, hash: last.hash)
        if let have, head.epoch < have.epoch { return .olderEpoch }
        if let newestEpoch, head.epoch < newestEpoch { return .olderEpoch }
        guard let have, have.epoch == head.epoch else {
            guard first.seq == 1, first.previousHash == ChainEvent.genesis else {
                return .gap(expected: 1, got: first.seq)
            }
            return .apply(events: batch.events, position: position, newEpoch: have != nil)
        }
        if last.seq <= have.seq { return .alreadyHeld }
        guard first.seq <= have.seq + 1 else { return .gap(expected: have.seq + 1, got: first.seq) }
        // The batch may overlap what we hold: it must agree with it, then only the new events apply. Seqs are
        // consecutive (checked above), so they are a suffix; nearly always all of the batch, which is then shared,
        // not copied.
        let overlap = Int(have.seq + 1 - first.seq)
        let fresh = overlap == 0 ? batch.events : Array(batch.events[overlap...])
        guard let firstFresh = fresh.first, firstFresh.previousHash == have.hash else {
            return .refused(Refusal(.broken, "The batch forks from the chain held at event \(have.seq)."))
        }
        return .apply(events: fresh, position: position, newEpoch: false)
    }
}

extension ChainBatch {
    /// Whether every event's hash is the one its fields give and every body the one its digest commits to: the
    /// per-event part of `ChainVerifier.verify`, which a receiver works out while the previous batch is written.
    public var eventsAreIntact: Bool {
        events.indices.allSatisfy { events[$0].hashIsValid && events[$0].bodyMatchesDigest }
    }
}
