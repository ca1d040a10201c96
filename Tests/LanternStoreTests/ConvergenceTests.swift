import Foundation
import LanternCore
import LanternSync
import LanternTesting
import Testing

@testable import LanternStore

/// Five nodes (four tech participants, one financial institution) under thousands of random operations: creates,
/// updates, audience changes, removals and reactions, pulls between random peers (relays included), random
/// partitions and restarts. Once healed, every entitled node must hold exactly what each origin says, nothing
/// outside its audience, no removed signal, and no write the origin acknowledged may be lost.
///
/// CI runs three fixed seeds; a longer run by hand:
/// `LANTERN_CONVERGENCE_SEEDS=50 LANTERN_CONVERGENCE_OPS=5000 swift test --filter ConvergenceTests`.
@Suite struct ConvergenceTests {
    static let delta = Participant(id: ParticipantID("delta")!, role: .tech)
    static let participants = [Fixtures.alpha, Fixtures.bravo, Fixtures.charlie, delta, Fixtures.finco]
    static let directory = ParticipantDirectory(participants)
    static let tech = participants.filter { $0.role == .tech }

    @Test func entitledNodesConvergeWhateverHappens() throws {
        let environment = ProcessInfo.processInfo.environment
        let seeds = environment["LANTERN_CONVERGENCE_SEEDS"].flatMap(UInt64.init).map { Array(1...$0) } ?? [1, 2, 3]
        let operations = environment["LANTERN_CONVERGENCE_OPS"].flatMap(Int.init) ?? 1500
        for seed in seeds {
            let federation = try RandomFederation(seed: seed, participants: Self.participants, directory: Self.directory)
            try federation.run(operations: operations)
            try federation.heal()
            try federation.check()
        }
    }
}

/// A deterministic generator (SplitMix64), so a failing seed replays exactly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

final class RandomFederation {
    let seed: UInt64
    let participants: [Participant]
    let directory: ParticipantDirectory
    let validator: SignalValidator
    let pump: ChainPump
    var random: SeededGenerator
    var folders: [ParticipantID: TemporaryDirectory] = [:]
    var stores: [ParticipantID: NodeStore] = [:]
    /// Links that are down: a pull between the two does not happen.
    var partitioned: Set<[ParticipantID]> = []
    /// What each origin acknowledged: the revision of every signal it holds, or nil once removed.
    var acknowledged: [ParticipantID: [SignalID: UInt64?]] = [:]
    var counter: UInt64 = 0
    /// Every signal an origin removed: a removal is final everywhere.
    var removedEver: Set<SignalID> = []

    init(seed: UInt64, participants: [Participant], directory: ParticipantDirectory) throws {
        self.seed = seed
        self.participants = participants
        self.directory = directory
        validator = SignalValidator(taxonomy: .builtIn, directory: directory)
        pump = ChainPump(participants: participants.map(\.id), directory: directory)
        random = SeededGenerator(state: seed)
        for participant in participants {
            let folder = try TemporaryDirectory()
            let store = try NodeStore(path: folder.file("node.sqlite"))
            try store.initialize(as: participant)
            for other in participants where other.id != participant.id { try store.saveParticipant(other) }
            folders[participant.id] = folder
            stores[participant.id] = store
        }
    }

    var tech: [Participant] { participants.filter { $0.role == .tech } }

    func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[Int(random.next() % UInt64(items.count))] }

    func run(operations: Int) throws {
        for _ in 0..<operations {
            switch random.next() % 100 {
            case 0..<22: try create()
            case 22..<36: try update()
            case 36..<44: try remove()
            case 44..<54: try react()
            case 54..<90: try pull()
            case 90..<95: partition()
            default: try restart()
            }
        }
    }

    func audience(for origin: ParticipantID) -> String {
        let others = tech.map(\.id).filter { $0 != origin }
        switch random.next() % 10 {
        case 0..<5: return "all"
        default:
            let first = pick(others)!
            let second = random.next() % 2 == 0 ? pick(others)! : first
            return Set([first, second]).map(\.rawValue).sorted().joined(separator: ",")
        }
    }

    func create() throws {
        let origin = pick(tech)!.id
        counter += 1
        var draft = random.next() % 5 == 0 ? Fixtures.financialDraft() : Fixtures.urlDraft("https://s\(seed)-\(counter).example/")
        if draft.audience?.text != "financial" { draft.audience = AudienceText(audience(for: origin)) }
        draft.value = draft.type == "url" ? "https://s\(seed)-\(counter).example/" : "$Handle\(seed)x\(counter)"
        let signal = try validator.validateNew(draft, id: Fixtures.signalID(counter), author: origin, now: Fixtures.now)
        let stored = try stores[origin]!.addLocalSignals([signal])[0]
        acknowledged[origin, default: [:]][stored.id] = stored.revision
    }

    func ownLive(_ origin: ParticipantID) -> [SignalID] {
        (acknowledged[origin] ?? [:]).compactMap { $0.value == nil ? nil : $0.key }.sorted { $0.rawValue < $1.rawValue }
    }

    func update() throws {
        let origin = pick(tech)!.id
        guard let id = pick(ownLive(origin)) else { return }
        let updated = try stores[origin]!.updateLocalSignal(id) { existing in
            var patch = SignalDraft()
            if existing.audience != .financial, self.random.next() % 2 == 0 {
                patch.audience = AudienceText(self.audience(for: origin))
            } else {
                patch.severity = self.pick(["INFO", "WARNING", "SEVERE"])
            }
            return try self.validator.validateUpdate(patch, to: existing, actor: origin, now: Fixtures.now)
        }
        acknowledged[origin]![id] = updated.revision
    }

    func remove() throws {
        let origin = pick(tech)!.id
        guard let id = pick(ownLive(origin)) else { return }
        try stores[origin]!.removeSignal(id, reason: .enteredInError, now: Fixtures.now)
        acknowledged[origin]![id] = .some(nil)
        removedEver.insert(id)
    }

    func react() throws {
        let reactor = pick(participants)!
        let store = stores[reactor.id]!
        let held = try all(store).filter { $0.origin != reactor.id }
        guard let signal = pick(held) else { return }
        try AccessPolicy.checkMayReact(to: signal, reactor: reactor)
        let kinds = Set(ReactionKind.allCases.filter { _ in random.next() % 4 == 0 })
        _ = try store.react(to: signal.id, kinds: kinds, now: Fixtures.now)
    }

    func pull() throws {
        let from = pick(participants)!.id
        let to = pick(participants.filter { $0.id != from })!
        guard !partitioned.contains([from, to.id].sorted()) else { return }
        try pump.pull(from: stores[from]!, to: stores[to.id]!, as: to, limit: Int(random.next() % 40) + 1)
    }

    func partition() {
        let a = pick(participants)!.id
        let b = pick(participants.filter { $0.id != a })!.id
        let link = [a, b].sorted()
        if partitioned.remove(link) == nil { partitioned.insert(link) }
    }

    /// The node stops and starts again from what its database holds.
    func restart() throws {
        let id = pick(participants)!.id
        try stores[id]!.close()
        stores[id] = try NodeStore(path: folders[id]!.file("node.sqlite"))
    }

    /// Links come back; every node pulls from every other until a whole round changes nothing.
    func heal() throws {
        partitioned = []
        for _ in 0..<30 {
            var changed = false
            for from in participants {
                for to in participants where to.id != from.id {
                    let outcomes = try pump.pull(from: stores[from.id]!, to: stores[to.id]!, as: to)
                    changed = changed || outcomes.contains { if case .apply = $0 { true } else { false } }
                }
            }
            if !changed { return }
        }
        Issue.record("Seed \(seed): the federation had not settled after 30 rounds.")
    }

    func all(_ store: NodeStore) throws -> [Signal] {
        var query = SignalQuery(limit: 1000)
        var signals: [Signal] = []
        while true {
            let page = try store.signals(matching: query)
            signals += page.signals.map(\.signal)
            guard let next = page.nextCursor else { return signals }
            query.before = next
        }
    }
}
