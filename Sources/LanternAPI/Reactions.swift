// The reaction resources of the local API: docs/openapi.json, schemas ReactionInput, Reaction and ReactionList.

/// This node's reactions to a signal it received (`ReactionInput`); empty withdraws them.
public struct ReactionInputBody: Codable, Sendable, Equatable {
    public var reactions: [String]

    public init(reactions: [String]) {
        self.reactions = reactions
    }
}

/// One participant's reactions to a signal (`Reaction`).
public struct ReactionResource: Codable, Sendable, Equatable {
    public var signalID: String
    public var reactor: String
    public var reactions: [String]
    public var reactedAt: String

    public init(signalID: String, reactor: String, reactions: [String], reactedAt: String) {
        self.signalID = signalID
        self.reactor = reactor
        self.reactions = reactions
        self.reactedAt = reactedAt
    }

    enum CodingKeys: String, CodingKey {
        case reactor, reactions
        case signalID = "signal_id"
        case reactedAt = "reacted_at"
    }
}

/// The reactions held on a signal (`ReactionList`).
public struct ReactionListResource: Codable, Sendable, Equatable {
    public var reactions: [ReactionResource]

    public init(reactions: [ReactionResource]) {
        self.reactions = reactions
    }
}
