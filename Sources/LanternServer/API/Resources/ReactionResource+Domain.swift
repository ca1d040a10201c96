import LanternAPI
import LanternCore

extension ReactionResource {
    /// One participant's reactions to a signal, as the API returns them.
    init(_ reaction: Reaction) {
        self.init(
            signalID: reaction.signalID.rawValue, reactor: reaction.reactor.rawValue, reactions: reaction.kinds.sorted().map(\.rawValue),
            reactedAt: Timestamp.format(reaction.reactedAt))
    }
}
