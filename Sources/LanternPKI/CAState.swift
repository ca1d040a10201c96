public import Foundation
public import LanternCore

/// What the program administrator's CA knows: every participant it has issued certificates to, their serials, the
/// revoked serials, and the last registry version it signed. Pure data; the CLI keeps it in the CA directory.
public struct CAState: Codable, Sendable, Equatable {
    public struct Member: Codable, Sendable, Equatable {
        public var entry: ParticipantRegistry.Entry
        /// Serials of the certificates issued to this participant, lowercase hex.
        public var serials: [String]
    }

    public var registryVersion: UInt64
    public var members: [Member]
    public var revokedSerials: [String]

    public init() {
        registryVersion = 0
        members = []
        revokedSerials = []
    }

    enum CodingKeys: String, CodingKey {
        case members
        case registryVersion = "registry_version"
        case revokedSerials = "revoked_serials"
    }

    /// Records a certificate issued to a participant, adding or updating its registry entry.
    public mutating func recordIssued(_ entry: ParticipantRegistry.Entry, serial: String) {
        if let index = members.firstIndex(where: { $0.entry.id == entry.id }) {
            members[index].entry = entry
            members[index].serials.append(serial)
        } else {
            members.append(Member(entry: entry, serials: [serial]))
            members.sort { $0.entry.id < $1.entry.id }
        }
    }

    /// Revokes one certificate. The participant stays in the registry (it may hold another certificate).
    public mutating func revoke(serial: String) throws(PKIError) {
        let serial = serial.lowercased()
        guard members.contains(where: { $0.serials.contains(serial) }) else {
            throw .unknownParticipant("holding a certificate with serial \(serial)")
        }
        guard !revokedSerials.contains(serial) else { throw .alreadyRevoked("The certificate \(serial)") }
        revokedSerials.append(serial)
        revokedSerials.sort()
    }

    /// Revokes a participant: it leaves the registry and every certificate it was issued is revoked.
    /// - Returns: the serials revoked.
    @discardableResult
    public mutating func revoke(participant: ParticipantID) throws(PKIError) -> [String] {
        guard let index = members.firstIndex(where: { $0.entry.id == participant }) else {
            throw .unknownParticipant(participant.rawValue)
        }
        let member = members.remove(at: index)
        let newlyRevoked = member.serials.filter { !revokedSerials.contains($0) }
        revokedSerials = (revokedSerials + newlyRevoked).sorted()
        return newlyRevoked
    }

    /// The next registry: a new version with the current members and revocations.
    public mutating func nextRegistry(now: Date) -> ParticipantRegistry {
        registryVersion += 1
        return ParticipantRegistry(
            version: registryVersion, issuedAt: now, participants: members.map(\.entry), revokedSerials: revokedSerials)
    }
}
