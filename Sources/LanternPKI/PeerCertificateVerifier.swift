import Foundation
import LanternCore
import SwiftASN1
public import X509

/// Decides whether a peer's certificate chain may connect: it must chain to the program CA (RFC 5280 rules,
/// validity dates included), carry a participant identity, not be revoked, and name a participant the registry
/// knows with the same role.
///
/// A TLS verification callback replaces the TLS library's own chain checks, so this does all of them.
public struct PeerCertificateVerifier: Sendable {
    public let caCertificate: Certificate

    public init(caCertificate: Certificate) {
        self.caCertificate = caCertificate
    }

    /// Why a peer was refused, for logs and metrics.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }

        /// A label for metrics: `revoked`, `unknown_participant`, `role_mismatch`, or `untrusted` (another CA, an
        /// expired certificate, no participant identity).
        public var kind: String {
            if reason.contains("is revoked by registry") { return "revoked" }
            if reason.contains("is not in registry") { return "unknown_participant" }
            if reason.contains("but the registry says") { return "role_mismatch" }
            return "untrusted"
        }
    }

    /// Verifies `leaf` (with any intermediates) against `registry`, at the current time.
    public func verify(
        leaf: Certificate, intermediates: [Certificate] = [], registry: ParticipantRegistry
    ) async -> Result<ParticipantIdentity, Refusal> {
        var verifier = Verifier(rootCertificates: CertificateStore([caCertificate])) {
            RFC5280Policy()
            RegistryPolicy(registry: registry)
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(intermediates))
        switch result {
        case .validCertificate:
            do {
                return .success(try ParticipantIdentity(certificate: leaf))
            } catch {
                return .failure(Refusal(reason: error.description))
            }
        case .couldNotValidate(let failures):
            let reasons = failures.map { "\($0.policyFailureReason)" }
            return .failure(Refusal(reason: reasons.first ?? "The certificate does not chain to the program CA."))
        }
    }
}

/// The registry's deny-list and membership rules as a swift-certificates policy.
struct RegistryPolicy: VerifierPolicy {
    let registry: ParticipantRegistry
    let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = []

    mutating func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) async -> PolicyEvaluationResult {
        let registry = self.registry
        let leaf = chain.leaf
        let serial = leaf.serialNumber.hex
        if registry.isRevoked(serial: serial) {
            return .failsToMeetPolicy(reason: "The certificate \(serial) is revoked by registry version \(registry.version).")
        }
        let identity: ParticipantIdentity
        do { identity = try ParticipantIdentity(certificate: leaf) } catch {
            return .failsToMeetPolicy(reason: error.description)
        }
        guard let entry = registry.entry(identity.participant) else {
            return .failsToMeetPolicy(reason: "Participant \(identity.participant) is not in registry version \(registry.version).")
        }
        guard entry.role == identity.role else {
            return .failsToMeetPolicy(
                reason:
                    "The certificate says participant \(identity.participant) is \(identity.role.rawValue), but the registry says \(entry.role.rawValue)."
            )
        }
        return .meetsPolicy
    }
}
