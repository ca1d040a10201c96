import Foundation
import LanternCore
import LanternSync
import LanternTesting
import Testing

@testable import LanternStore

/// Five nodes (four tech participants, one financial institution) under thousands of random operations: creates,
/// updates, audience changes, removals and reactions, pulls between random peers (relays included), random
/// partitions, restarts, backups and restores. Once healed, every entitled node must hold exactly what each origin
/// says, nothing outside its audience, no removed signal, and no write the origin acknowledged may be lost (but
/// those a restore from an older backup undid and that no other node had received).
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
    /// Every signal ever created.
    var created: Set<SignalID> = []
    /// Each node's latest backup and what it had acknowledged then.
    var backups: [ParticipantID: (path: String, acknowledged: [SignalID: UInt64?])] = [:]
    /// Nodes restored from a backup in their current epoch: they learn their removals back from each peer they pull.
    var restored: Set<ParticipantID> = []

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
            try store.directory.initialize(as: participant)
            for other in participants where other.id != participant.id { try store.directory.saveParticipant(other) }
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
            case 54..<89: try pull()
            case 89..<94: partition()
            case 94..<97: try restart()
            case 97: try random.next() % 2 == 0 ? compact() : collect()
            case 98: try backup()
            default: try restore()
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
        // Only participants in the financial pool share with it.
        let poolDraft = random.next() % 5 == 0 && participants.contains { $0.id == origin && $0.financialPoolOptIn }
        var draft = poolDraft ? Fixtures.financialDraft() : Fixtures.urlDraft("https://s\(seed)-\(counter).example/")
        if draft.audience?.text != "financial" { draft.audience = AudienceText(audience(for: origin)) }
        draft.value = draft.type == "url" ? "https://s\(seed)-\(counter).example/" : "$Handle\(seed)x\(counter)"
        let signal = try validator.validateNew(draft, id: Fixtures.signalID(counter, origin: origin), author: origin, now: Fixtures.now)
        let stored = try stores[origin]!.signals.addLocal([signal])[0]
        acknowledged[origin, default: [:]][stored.id] = stored.revision
        created.insert(stored.id)
    }

    /// The origin's live signals by its acknowledgements, less those a restored origin has since learnt back as removed.
    func ownLive(_ origin: ParticipantID) throws -> [SignalID] {
        var live: [SignalID] = []
        for (id, revision) in acknowledged[origin] ?? [:] where revision != nil {
            if try stores[origin]!.signals.signal(id) == nil { acknowledged[origin]![id] = .some(nil) } else { live.append(id) }
        }
        return live.sorted { $0.rawValue < $1.rawValue }
    }

    func update() throws {
        let origin = pick(tech)!.id
        guard let id = pick(try ownLive(origin)) else { return }
        let updated = try stores[origin]!.signals.updateLocal(id) { existing in
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
        guard let id = pick(try ownLive(origin)) else { return }
        try stores[origin]!.signals.remove(id, reason: .enteredInError, now: Fixtures.now)
        acknowledged[origin]![id] = .some(nil)
    }

    /// An origin compacts its chains into a new epoch of its live signals.
    func compact() throws {
        try stores[pick(tech)!.id]!.chains.compactOwn()
    }

    /// A node collects every tombstone nothing needs any more, as if the age bound had passed: every backup is then
    /// older than the bound, and is no longer restored (as `lantern restore` refuses it).
    func collect() throws {
        try stores[pick(participants)!.id]!.chains.collectTombstones(now: Fixtures.now.addingTimeInterval(86_400), maxAge: 0)
        backups = [:]
    }

    func backup() throws {
        let id = pick(participants)!.id
        counter += 1
        let path = folders[id]!.file("backup-\(counter).sqlite")
        try stores[id]!.backup(to: path)
        backups[id] = (path, acknowledged[id] ?? [:])
    }

    /// The node is restored from its latest backup, as 'lantern restore' does: it starts a new epoch.
    func restore() throws {
        guard let id = pick(participants.map(\.id).filter { backups[$0] != nil }), let backup = backups[id] else { return }
        try stores[id]!.close()
        let database = folders[id]!.file("node.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        try FileManager.default.copyItem(atPath: backup.path, toPath: database)
        let store = try NodeStore(path: database)
        try store.chains.startNewEpoch()
        stores[id] = store
        restored.insert(id)
        // What it acknowledged since the backup is gone with the restore; what it had then has fresh revisions.
        var model: [SignalID: UInt64?] = [:]
        for (signal, revision) in backup.acknowledged {
            model[signal] = revision == nil ? .some(nil) : try store.signals.signal(signal)?.signal.revision
        }
        acknowledged[id] = model
    }

    func react() throws {
        let reactor = pick(participants)!
        let store = stores[reactor.id]!
        let held = try all(store).filter { $0.origin != reactor.id }
        guard let signal = pick(held) else { return }
        try AccessPolicy.checkMayReact(to: signal, reactor: reactor)
        let kinds = Set(ReactionKind.allCases.filter { _ in random.next() % 4 == 0 })
        _ = try store.reactions.react(to: signal.id, kinds: kinds, now: Fixtures.now)
    }

    func pull() throws {
        let from = pick(participants)!.id
        let to = pick(participants.filter { $0.id != from })!
        guard !partitioned.contains([from, to.id].sorted()) else { return }
        if restored.contains(to.id) { try pump.relearn(stores[to.id]!, from: stores[from]!) }
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
                    if restored.contains(to.id) { changed = try pump.relearn(stores[to.id]!, from: stores[from.id]!) > 0 || changed }
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
            let page = try store.signals.page(matching: query)
            signals += page.signals.map(\.signal)
            guard let next = page.nextCursor else { return signals }
            query.before = next
        }
    }
}
