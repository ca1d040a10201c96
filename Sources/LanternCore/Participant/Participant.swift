/// What a participant is in the program. It decides which scopes it may see and whether it may author.
public enum ParticipantRole: String, Codable, Sendable, CaseIterable {
    /// A technology company: authors signals and consumes general ones.
    case tech
    /// A financial institution: consumes the segregated financial pool only and never authors.
    case financial
}

/// One member of the program, as the participant list (later the signed registry) describes it.
public struct Participant: Hashable, Codable, Sendable {
    public var id: ParticipantID
    public var role: ParticipantRole
    /// Whether a tech participant has opted in to receive the financial pool. Always `false` for
    /// financial institutions, which receive that pool by role.
    public var financialPoolOptIn: Bool
    public var name: String?

    public init(id: ParticipantID, role: ParticipantRole, financialPoolOptIn: Bool = false, name: String? = nil) {
        self.id = id
        self.role = role
        self.financialPoolOptIn = role == .tech ? financialPoolOptIn : false
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case id, role, name
        case financialPoolOptIn = "financial_pool_opt_in"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(ParticipantID.self, forKey: .id), role: try c.decode(ParticipantRole.self, forKey: .role),
            financialPoolOptIn: try c.decodeIfPresent(Bool.self, forKey: .financialPoolOptIn) ?? false,
            name: try c.decodeIfPresent(String.self, forKey: .name))
    }
}

/// The set of participants a node knows, looked up by id.
public struct ParticipantDirectory: Sendable, Equatable {
    public private(set) var participants: [ParticipantID: Participant]

    public init(_ participants: [Participant] = []) {
        self.participants = Dictionary(participants.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    }

    public subscript(id: ParticipantID) -> Participant? { participants[id] }

    public var sorted: [Participant] { participants.values.sorted { $0.id < $1.id } }

    public mutating func upsert(_ participant: Participant) {
        participants[participant.id] = participant
    }
}
