import Foundation
import LanternCore
import LanternSync
import LanternTesting
import Testing

@testable import LanternStore

extension RandomFederation {
    /// The properties the federation promises, checked on every node.
    func check() throws {
        // A signal any node holds a removal of is removed: nobody may hold it live.
        var removed: Set<SignalID> = []
        for id in created where try participants.contains(where: { try stores[$0.id]!.signals.removal(id) != nil }) { removed.insert(id) }
        // So is every signal its origin removed, whether or not its tombstone has been collected since.
        for signals in acknowledged.values { removed.formUnion(signals.filter { $0.value == nil }.keys) }
        var truth: [SignalID: Signal] = [:]
        for (origin, signals) in acknowledged {
            let store = stores[origin]!
            for (id, revision) in signals {
                if let revision, !removed.contains(id) {
                    // No acknowledged write is lost, restarts included.
                    let held = try #require(try store.signals.signal(id), "seed \(seed): \(origin) lost its signal \(id)")
                    #expect(held.signal.revision == revision, "seed \(seed): \(origin) holds \(id) at another revision")
                    truth[id] = held.signal
                } else {
                    #expect(try store.signals.signal(id) == nil, "seed \(seed): \(origin) holds its removed signal \(id) live")
                }
            }
        }
        for participant in participants {
            let store = stores[participant.id]!
            let held = Dictionary(uniqueKeysWithValues: try all(store).map { ($0.id, $0) })
            // Exactly the live signals it is entitled to, each as its origin says it is now.
            let expected = truth.values.filter { AccessPolicy.mayReceive($0.audience, origin: $0.origin, participant: participant) }
            let extra = Set(held.keys).subtracting(expected.map(\.id))
            let missing = Set(expected.map(\.id)).subtracting(held.keys)
            #expect(extra.isEmpty, "seed \(seed): \(participant.id) holds \(extra.count) signals outside its audience or removed")
            #expect(missing.isEmpty, "seed \(seed): \(participant.id) misses \(missing.count) signals it is entitled to")
            for signal in expected where held[signal.id] != signal {
                Issue.record(
                    "seed \(seed): \(participant.id) holds \(signal.id) at revision \(held[signal.id]?.revision ?? 0), not \(signal.revision)")
            }
            #expect(held.keys.allSatisfy { !removed.contains($0) }, "seed \(seed): a removed signal came back at \(participant.id)")
            try checkReactions(at: participant, held: held)
            for id in removed { #expect(try store.reactions.all(on: id).isEmpty, "seed \(seed): reactions outlived \(id)") }
        }
    }

    /// A consumer's current reactions reached the origin, and nobody else holds another's reactions.
    func checkReactions(at participant: Participant, held: [SignalID: Signal]) throws {
        for signal in held.values {
            let reactions = try stores[participant.id]!.reactions.all(on: signal.id)
            if signal.origin == participant.id { continue }
            #expect(reactions.allSatisfy { $0.reactor == participant.id }, "seed \(seed): \(participant.id) holds others' reactions")
            guard let own = reactions.first else { continue }
            let atOrigin = try stores[signal.origin]!.reactions.all(on: signal.id).first { $0.reactor == participant.id }
            #expect(
                atOrigin?.kinds == own.kinds && atOrigin?.revision == own.revision,
                "seed \(seed): \(participant.id)'s reaction missed \(signal.origin)")
        }
    }
}
