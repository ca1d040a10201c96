import Crypto
public import Foundation
public import LanternCore
public import X509

/// The program's list of participants, their roles and financial-pool opt-ins, and the certificate serials it has
/// revoked. The program CA signs it; nodes accept only a newer version with a valid signature.
public struct ParticipantRegistry: Codable, Sendable, Equatable {
    /// A registry entry is a participant: id, role, financial-pool opt-in and display name.
    public typealias Entry = Participant

    public var version: UInt64
    public var issuedAt: Date
    public var participants: [Entry]
    /// Revoked certificate serial numbers, in lowercase hex.
    public var revokedSerials: [String]
    /// Whom this document is for: every tech participant's node (`full`), or one financial institution's.
    public var view: RegistryView

    public init(version: UInt64, issuedAt: Date, participants: [Entry], revokedSerials: [String], view: RegistryView = .full) {
        self.version = version
        self.issuedAt = issuedAt
        self.participants = participants.sorted { $0.id < $1.id }
        self.revokedSerials = revokedSerials.sorted()
        self.view = view
    }

    enum CodingKeys: String, CodingKey {
        case version, participants, view
        case issuedAt = "issued_at"
        case revokedSerials = "revoked_serials"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(UInt64.self, forKey: .version)
        // Stored as a signed 64-bit integer: a larger one is refused here, not trapped on later.
        guard version <= UInt64(Int64.max) else {
            throw DecodingError.dataCorruptedError(forKey: .version, in: container, debugDescription: "'version' is larger than 2^63 - 1.")
        }
        issuedAt = try container.decode(Date.self, forKey: .issuedAt)
        participants = try container.decode([Entry].self, forKey: .participants)
        revokedSerials = try container.decode([String].self, forKey: .revokedSerials)
        view = try container.decodeIfPresent(RegistryView.self, forKey: .view) ?? .full
    }

    /// What financial institution `institution` is given: the tech participants with their opt-ins (only those in
    /// the pool may share signals with it, and the institution's node refuses the others'), and itself. It never
    /// learns which other institutions are in the pool.
    public func financialView(for institution: ParticipantID) -> ParticipantRegistry {
        let entries = participants.filter { $0.id == institution || $0.role == .tech }
        return ParticipantRegistry(
            version: version, issuedAt: issuedAt, participants: entries, revokedSerials: revokedSerials, view: .financial(institution))
    }

    /// The full registry and every financial institution's view of it, signed: what `lantern ca registry` writes.
    public func signedBundle(by ca: CertificateAuthority) throws -> RegistryBundle {
        let institutions = participants.filter { $0.role == .financial }.map(\.id)
        return RegistryBundle(registries: try [signed(by: ca)] + institutions.map { try financialView(for: $0).signed(by: ca) })
    }

    public func entry(_ id: ParticipantID) -> Entry? { participants.first { $0.id == id } }

    public func isRevoked(serial: String) -> Bool { revokedSerials.contains(serial) }

    /// The registry as the participant directory the rest of the node uses.
    public var directory: ParticipantDirectory { ParticipantDirectory(participants) }

    /// Signs the registry with the program CA.
    public func signed(by ca: CertificateAuthority) throws -> SignedRegistry {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let payload = try encoder.encode(self)
        let signature = try ca.signingKey.signature(for: payload)
        return SignedRegistry(payload: payload.base64EncodedString(), signature: signature.derRepresentation.base64EncodedString())
    }
}

/// A participant registry as it travels and is stored: the exact signed bytes and the CA's signature over them.
public struct SignedRegistry: Codable, Sendable, Equatable {
    /// The registry's JSON, base64-encoded, exactly as signed.
    public var payload: String
    /// An ECDSA P-256 signature (DER, base64) over the payload bytes, by the program CA.
    public var signature: String

    public init(payload: String, signature: String) {
        self.payload = payload
        self.signature = signature
    }

    /// Checks the signature against the program CA and returns the registry.
    public func verified(by caCertificate: Certificate) throws(PKIError) -> ParticipantRegistry {
        guard let bytes = Data(base64Encoded: payload), let signatureBytes = Data(base64Encoded: signature) else {
            throw .registryMalformed("the payload or the signature is not base64.")
        }
        guard let publicKey = P256.Signing.PublicKey(caCertificate.publicKey),
            let ecdsa = try? P256.Signing.ECDSASignature(derRepresentation: signatureBytes),
            publicKey.isValidSignature(ecdsa, for: bytes)
        else { throw .registrySignature }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(ParticipantRegistry.self, from: bytes)
        } catch {
            throw .registryMalformed("\(error)")
        }
    }

    /// Accepts `self` in place of `current` only if it verifies and is a newer version, and, given the node's
    /// identity, only if it lists that node's participant with its role.
    public func replacing(
        _ current: ParticipantRegistry?, caCertificate: Certificate, for node: ParticipantIdentity? = nil
    ) throws(PKIError) -> ParticipantRegistry {
        let offered = try verified(by: caCertificate)
        if let current, offered.version <= current.version {
            throw .registryNotNewer(current: current.version, offered: offered.version)
        }
        if let node, offered.entry(node.participant)?.role != node.role {
            throw .registryOmitsNode(version: offered.version, node: node.description)
        }
        if let node, offered.view != RegistryView.for(node) {
            throw .registryWrongView(offered: offered.view.description, node: node.description)
        }
        return offered
    }
}

/// Whom a registry document is for.
public enum RegistryView: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The whole registry, for tech participants' nodes.
    case full
    /// One financial institution's view.
    case financial(ParticipantID)

    /// The view a node of this identity takes.
    public static func `for`(_ node: ParticipantIdentity) -> RegistryView {
        node.role == .tech ? .full : .financial(node.participant)
    }

    /// `full` or `financial:` and the institution's id.
    public var description: String {
        switch self {
        case .full: "full"
        case .financial(let id): "financial:\(id)"
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if text == "full" {
            self = .full
        } else if text.hasPrefix("financial:"), let id = ParticipantID(String(text.dropFirst(10))) {
            self = .financial(id)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a registry view."))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The signed registry documents of one version: the full registry and each financial institution's view. A tech
/// node keeps them all (it hands each institution its own view); an institution's node takes only its own.
public struct RegistryBundle: Codable, Sendable, Equatable {
    public var registries: [SignedRegistry]

    public init(registries: [SignedRegistry]) { self.registries = registries }

    /// Reads a bundle, or a single signed registry as a bundle of one.
    public static func decode(_ data: Data) throws(PKIError) -> RegistryBundle {
        if let bundle = try? JSONDecoder().decode(RegistryBundle.self, from: data) { return bundle }
        if let single = try? JSONDecoder().decode(SignedRegistry.self, from: data) { return RegistryBundle(registries: [single]) }
        throw .registryMalformed("it is neither a signed registry nor a bundle of them.")
    }

    /// What this bundle carries, each document verified once: the highest version, whether the full registry of
    /// that version is among them, and the financial institutions' views of that version.
    public struct Contents: Sendable {
        public var highestVersion: UInt64 = 0
        public var fullVersions: Set<UInt64> = []
        public var views: [UInt64: [ParticipantID: SignedRegistry]] = [:]
    }

    /// The documents that verify against the program CA, read once; the rest are left out.
    public func contents(caCertificate: Certificate) -> Contents {
        var contents = Contents()
        for signed in registries {
            guard let registry = try? signed.verified(by: caCertificate) else { continue }
            contents.highestVersion = max(contents.highestVersion, registry.version)
            switch registry.view {
            case .full: contents.fullVersions.insert(registry.version)
            case .financial(let id): contents.views[registry.version, default: [:]][id] = signed
            }
        }
        return contents
    }

    /// The document `node` takes in place of `current`, verified and newer, and, for a tech node, the financial
    /// views of the same version that it passes on.
    public func replacing(
        _ current: ParticipantRegistry?, caCertificate: Certificate, for node: ParticipantIdentity
    ) throws(PKIError) -> (signed: SignedRegistry, registry: ParticipantRegistry, views: [ParticipantID: SignedRegistry]) {
        let wanted = RegistryView.for(node)
        var chosen: (SignedRegistry, ParticipantRegistry)?
        var views: [ParticipantID: SignedRegistry] = [:]
        for signed in registries {
            let registry = try signed.verified(by: caCertificate)
            if registry.view == wanted { chosen = (signed, registry) }
            if case .financial(let id) = registry.view { views[id] = signed }
        }
        guard let (signed, _) = chosen else {
            throw .registryWrongView(offered: registries.isEmpty ? "none" : "other participants'", node: node.description)
        }
        let registry = try signed.replacing(current, caCertificate: caCertificate, for: node)
        guard node.role == .tech else { return (signed, registry, [:]) }
        var sameVersion: [ParticipantID: SignedRegistry] = [:]
        for (id, view) in views where (try? view.verified(by: caCertificate))?.version == registry.version { sameVersion[id] = view }
        return (signed, registry, sameVersion)
    }
}
