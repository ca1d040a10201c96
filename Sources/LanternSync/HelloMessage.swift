/// `GET /peer/v1/hello`: who answers, the registry version it holds, and who it sees the caller as. Defined once,
/// for the endpoint that writes it and the client that reads it.
public struct HelloMessage: Codable, Sendable, Equatable {
    /// The participant that answers, from its certificate.
    public var participant: String
    /// `tech` or `financial`.
    public var role: String
    /// The registry version in force at the answering node, if it holds one.
    public var registryVersion: UInt64?
    /// The participant the answering node sees the caller as ("" when it cannot tell).
    public var peer: String

    public init(participant: String, role: String, registryVersion: UInt64?, peer: String) {
        self.participant = participant
        self.role = role
        self.registryVersion = registryVersion
        self.peer = peer
    }

    enum CodingKeys: String, CodingKey {
        case participant, role, peer
        case registryVersion = "registry_version"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        participant = try container.decode(String.self, forKey: .participant)
        role = try container.decode(String.self, forKey: .role)
        registryVersion = try container.decodeIfPresent(UInt64.self, forKey: .registryVersion).map {
            try WireBounds.counter($0, .registryVersion, in: container)
        }
        peer = try container.decode(String.self, forKey: .peer)
    }
}
