import Foundation
import LanternAPI
import LanternCore
import LanternStore

extension ReviewItemResource {
    /// The item as the API returns it, with its signal while the signal is live here.
    init(_ item: ReviewItemRecord, signal: SignalResource?) {
        self.init(
            id: item.id, ref: item.ref, itemType: item.itemType, itemValue: item.itemValue, signalID: item.signalID,
            signalType: item.signalType, origin: item.origin,
            reason: item.reason.flatMap { try? JSONDecoder().decode(MatchReasonResource.self, from: Data($0.utf8)) },
            status: item.status.rawValue, matchCount: item.matchCount, firstMatchedAt: Timestamp.format(item.firstMatchedAt),
            lastMatchedAt: Timestamp.format(item.lastMatchedAt), claimedBy: item.claimedByName, claimedAt: item.claimedAt.map(Timestamp.format),
            decidedBy: item.decidedByName, decidedAt: item.decidedAt.map(Timestamp.format), actions: item.actions.sorted().map(\.rawValue),
            note: item.note, signal: signal)
    }
}

extension ReviewItemResource.Decision {
    /// A decision taken on an item, as the API returns it.
    init(_ entry: (input: ReviewDecisionInput, by: String, at: Date)) {
        self.init(
            decision: entry.input.decision.rawValue, actions: entry.input.actions.sorted().map(\.rawValue),
            reactions: entry.input.reactions.sorted().map(\.rawValue), note: entry.input.note, decidedBy: entry.by,
            decidedAt: Timestamp.format(entry.at))
    }
}

extension FlagResource {
    /// A flagged signal as the API returns it.
    init(_ flag: SignalFlagRecord) {
        self.init(
            signalID: flag.signalID, signalType: flag.signalType, origin: flag.origin, items: flag.items,
            flaggedAt: Timestamp.format(flag.flaggedAt), status: flag.status.rawValue, decidedBy: flag.decidedByName,
            decidedAt: flag.decidedAt.map(Timestamp.format))
    }
}
