import Crypto
import Foundation
public import LanternCore
public import X509

/// Who a node certificate speaks for: a participant id and its role, carried as one typed field, a subject
/// alternative name URI `lantern://participant/<id>?role=<role>`.
public struct ParticipantIdentity: Hashable, Sendable, CustomStringConvertible {
    public var participant: ParticipantID
    public var role: ParticipantRole

    public init(participant: ParticipantID, role: ParticipantRole) {
        self.participant = participant
        self.role = role
    }

    static let prefix = "lantern://participant/"

    /// The URI form.
    public var uri: String { Self.prefix + participant.rawValue + "?role=" + role.rawValue }

    public var description: String { "\(participant) (\(role.rawValue))" }

    /// The DNS name every node certificate of `participant` carries and that a client asks for whatever address it
    /// dials, so ordinary host-name verification proves the node answering is that participant: only the program
    /// CA issues it, and only to that participant. A hash keeps it a valid DNS label for any participant id;
    /// `.invalid` keeps it out of every real DNS zone.
    public static func peerHostName(of participant: ParticipantID) -> String {
        let digest = SHA256.hash(data: Data(("lantern-peer-name-v1\n" + participant.rawValue).utf8))
        return "p" + digest.prefix(20).map { String($0, radix: 16).leftPadded(to: 2) }.joined() + ".participant.invalid"
    }

    /// Parses the URI form.
    public init(uri: String) throws(PKIError) {
        guard uri.hasPrefix(Self.prefix) else { throw .malformedIdentity(uri) }
        let rest = uri.dropFirst(Self.prefix.count)
        let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let id = ParticipantID(String(parts[0])), parts[1].hasPrefix("role="),
            let role = ParticipantRole(rawValue: String(parts[1].dropFirst(5)))
        else { throw .malformedIdentity(uri) }
        self.init(participant: id, role: role)
    }

    /// Reads the identity from a certificate: exactly one `lantern://participant/` URI must be present.
    public init(certificate: Certificate) throws(PKIError) {
        let names: SubjectAlternativeNames?
        do { names = try certificate.extensions.subjectAlternativeNames } catch { throw .noIdentity }
        guard let names else { throw .noIdentity }
        let uris = names.compactMap { name -> String? in
            if case .uniformResourceIdentifier(let uri) = name, uri.hasPrefix(Self.prefix) { return uri }
            return nil
        }
        guard uris.count == 1, let uri = uris.first else { throw .noIdentity }
        try self.init(uri: uri)
    }
}

extension Certificate.SerialNumber {
    /// The serial number as lowercase hex, the form the registry's deny-list uses.
    public var hex: String { Hex.encode(bytes) }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
