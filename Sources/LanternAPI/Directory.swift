// The participant and taxonomy resources of the local API: docs/openapi.json, schemas Participant,
// ParticipantUpdate, ParticipantList and TaxonomyLoadResult.

/// A member of the program as this node knows it (`Participant`).
public struct ParticipantResource: Codable, Sendable, Equatable {
    public var id: String
    public var role: String
    public var financialPoolOptIn: Bool
    public var name: String?

    public init(id: String, role: String, financialPoolOptIn: Bool, name: String? = nil) {
        self.id = id
        self.role = role
        self.financialPoolOptIn = financialPoolOptIn
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case id, role, name
        case financialPoolOptIn = "financial_pool_opt_in"
    }
}

/// A participant to add or replace (`ParticipantUpdate`).
public struct ParticipantBody: Codable, Sendable, Equatable {
    public var role: String
    public var financialPoolOptIn: Bool?
    public var name: String?

    public init(role: String, financialPoolOptIn: Bool? = nil, name: String? = nil) {
        self.role = role
        self.financialPoolOptIn = financialPoolOptIn
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case role, name
        case financialPoolOptIn = "financial_pool_opt_in"
    }
}

/// Every participant this node knows (`ParticipantList`).
public struct ParticipantListResource: Codable, Sendable, Equatable {
    public var participants: [ParticipantResource]

    public init(participants: [ParticipantResource]) {
        self.participants = participants
    }
}

/// The taxonomy in force after a load (`TaxonomyLoadResult`). The document itself is the core's `Taxonomy`, the
/// format of the taxonomy files too.
public struct TaxonomyLoadResultResource: Codable, Sendable, Equatable {
    public var version: String
    /// The number of tags, as a decimal string.
    public var tags: String
    /// `new`, or `already loaded` when the same document was loaded before.
    public var loaded: String

    public init(version: String, tags: String, loaded: String) {
        self.version = version
        self.tags = tags
        self.loaded = loaded
    }
}
