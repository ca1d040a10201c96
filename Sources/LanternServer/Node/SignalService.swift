public import Foundation
public import LanternCore
public import LanternStore
import LanternSync
import Synchronization

/// The node's signal operations, shared by the API, the importer and the sweeper: validation against what the
/// node currently knows, then one store transaction.
public final class SignalService: Sendable {
    public let store: NodeStore
    public let participant: ParticipantID
    private let validatorState: Mutex<SignalValidator>
    private let clock: @Sendable () -> Date
    /// The dashboard's last figures (`SignalService+Dashboard`).
    let dashboardCache = Mutex<DashboardFigures?>(nil)

    public init(store: NodeStore, retention: RetentionPolicy = RetentionPolicy(), clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.store = store
        self.participant = try store.directory.localParticipantID()
        let taxonomy = try store.directory.latestTaxonomy() ?? .builtIn
        self.validatorState = Mutex(SignalValidator(taxonomy: taxonomy, directory: try store.directory.participants(), retention: retention))
        self.clock = clock
    }

    /// The clock, in whole milliseconds: the precision the store keeps, so what a create returns is what a read
    /// returns later.
    public var now: Date {
        Date(timeIntervalSince1970: (clock().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
    public var validator: SignalValidator { validatorState.withLock { $0 } }

    /// Re-reads the participant list after it changed.
    public func reloadParticipants() throws {
        let directory = try store.directory.participants()
        validatorState.withLock { $0.directory = directory }
    }

    /// Loads a taxonomy document; new signals are tagged against it from now on.
    /// - Returns: `false` when that version was already loaded.
    public func loadTaxonomy(json: String) throws -> Bool {
        let taxonomy = try Taxonomy.decode(json: json)
        let added = try store.directory.saveTaxonomy(taxonomy, document: json, now: now)
        validatorState.withLock { $0.taxonomy = taxonomy }
        return added
    }

    /// Validates a draft as a new signal of this node's, with a fresh id.
    public func prepare(_ draft: SignalDraft, now: Date) throws(ValidationError) -> Signal {
        var generator = SystemRandomNumberGenerator()
        let id = SignalID.generate(for: participant, milliseconds: UInt64(max(0, now.timeIntervalSince1970 * 1000)), using: &generator)
        return try validator.validateNew(draft, id: id, author: participant, now: now)
    }

    /// Creates one signal.
    public func create(_ draft: SignalDraft) throws -> Signal {
        let signal = try prepare(draft, now: now)
        return try store.signals.addLocal([signal])[0]
    }

    /// The outcome of one item of a batch.
    public enum ItemOutcome: Sendable {
        case created(Signal)
        case rejected(ValidationError)
    }

    /// Validates every draft and stores the valid ones in one transaction.
    public func createBatch(_ drafts: [SignalDraft]) throws -> [ItemOutcome] {
        let now = self.now
        var outcomes: [ItemOutcome] = []
        var valid: [(Int, Signal)] = []
        for (index, draft) in drafts.enumerated() {
            do {
                let signal = try prepare(draft, now: now)
                valid.append((index, signal))
                outcomes.append(.created(signal))
            } catch {
                outcomes.append(.rejected(error))
            }
        }
        let stored = try store.signals.addLocal(valid.map(\.1))
        for ((index, _), signal) in zip(valid, stored) { outcomes[index] = .created(signal) }
        return outcomes
    }

    /// Applies a partial update to one of this node's signals.
    public func update(_ id: SignalID, with patch: SignalDraft) throws -> Signal {
        let validator = self.validator
        let participant = self.participant
        let now = self.now
        do {
            return try store.signals.updateLocal(id) { existing in
                guard existing.expiresAt > now else { throw SignalNotFound.notFound(id, removed: true) }
                return try validator.validateUpdate(patch, to: existing, actor: participant, now: now)
            }
        } catch let error as StoreError where error.isNotFound {
            throw SignalNotFound.notFound(id, removed: try store.signals.removal(id) != nil)
        }
    }

    /// Removes one of this node's signals.
    public func remove(_ id: SignalID, reason: RemovalReason) throws -> RemovalRecord {
        guard let existing = try store.signals.signal(id) else { throw SignalNotFound.notFound(id, removed: try store.signals.removal(id) != nil) }
        let validator = self.validator
        try validator.checkAuthor(participant)
        guard let actor = validator.directory[participant] else {
            throw ValidationError(field: "origin", reason: "Participant \(participant) is not in the participant list.")
        }
        do {
            try AccessPolicy.checkMayModify(signalOrigin: existing.signal.origin, actor: actor)
        } catch {
            throw ValidationError(field: "id", reason: error.description)
        }
        do {
            return try store.signals.remove(id, reason: reason, now: now)
        } catch let error as StoreError where error.isNotFound {
            // Removed or expired between the check above and the write.
            throw SignalNotFound.notFound(id, removed: try store.signals.removal(id) != nil)
        }
    }

    /// Removes every signal past its retention.
    public func sweepExpired() throws -> [RemovalRecord] {
        var all: [RemovalRecord] = []
        while true {
            let batch = try store.signals.expire(now: now, limit: 5000)
            all += batch
            if batch.count < 5000 { return all }
        }
    }
}

/// A signal that is not live here.
public struct SignalNotFound: Error, CustomStringConvertible {
    public let id: SignalID
    /// Whether the signal existed and was removed or expired.
    public let removed: Bool

    static func notFound(_ id: SignalID, removed: Bool) -> SignalNotFound { SignalNotFound(id: id, removed: removed) }

    public var description: String {
        removed ? "The signal \(id) was removed and its content purged." : "No signal has the id \(id)."
    }
}
