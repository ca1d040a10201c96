import Crypto
import Foundation
import LanternCore
import X509

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

    public init(version: UInt64, issuedAt: Date, participants: [Entry], revokedSerials: [String]) {
        self.version = version
        self.issuedAt = issuedAt
        self.participants = participants.sorted { $0.id < $1.id }
        self.revokedSerials = revokedSerials.sorted()
    }

    enum CodingKeys: String, CodingKey {
        case version, participants
        case issuedAt = "issued_at"
        case revokedSerials = "revoked_serials"
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
        return offered
    }
}
