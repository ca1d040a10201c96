import Crypto
import Foundation
import LanternCore
import LanternTesting
import SwiftASN1
import Testing
import X509

@testable import LanternPKI

@Suite struct CertificateAuthorityTests {
    let ca: CertificateAuthority
    let alpha = ParticipantIdentity(participant: ParticipantID("alpha")!, role: .tech)

    init() throws {
        ca = try CertificateAuthority.create()
    }

    @Test func theCAIsACertificateAuthorityAndReloadsFromPEM() throws {
        #expect(try ca.certificate.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
        #expect(try ca.certificate.extensions.keyUsage?.keyCertSign == true)
        let reloaded = try CertificateAuthority(certificatePEM: try ca.certificatePEM, privateKeyPEM: ca.privateKeyPEM)
        #expect(reloaded.certificate == ca.certificate)
        let other = try CertificateAuthority.create()
        #expect(throws: PKIError.self) { try CertificateAuthority(certificatePEM: try ca.certificatePEM, privateKeyPEM: other.privateKeyPEM) }
        #expect(throws: PKIError.self) { try CertificateAuthority(certificatePEM: "not pem", privateKeyPEM: ca.privateKeyPEM) }
    }

    @Test func nodeCertificatesCarryTheParticipantIdentity() throws {
        let issued = try ca.issue(identity: alpha)
        let certificate = issued.certificate
        #expect(try ParticipantIdentity(certificate: certificate) == alpha)
        #expect(certificate.issuer == ca.certificate.subject)
        #expect(try certificate.extensions.basicConstraints == .notCertificateAuthority)
        let usages = try certificate.extensions.extendedKeyUsage.map(Array.init) ?? []
        #expect(usages.contains(.serverAuth) && usages.contains(.clientAuth))
        let names = try certificate.extensions.subjectAlternativeNames.map(Array.init) ?? []
        // The name a client asks for, which only this participant's certificates carry, the identity, and no
        // address: a client accepts an address for whoever answers at it.
        #expect(names.contains(.dnsName(ParticipantIdentity.peerHostName(of: alpha.participant))))
        #expect(ParticipantIdentity.peerHostName(of: alpha.participant) != ParticipantIdentity.peerHostName(of: ParticipantID("bravo")!))
        #expect(names.count == 2)
        let key = try P256.Signing.PrivateKey(pemRepresentation: issued.privateKeyPEM)
        #expect(Certificate.PublicKey(key.publicKey) == certificate.publicKey)
    }

    @Test func identitiesParseStrictly() throws {
        #expect(try ParticipantIdentity(uri: "lantern://participant/bank-one?role=financial").role == .financial)
        for bad in [
            "lantern://participant/alpha", "lantern://participant/Alpha?role=tech", "https://x/alpha?role=tech",
            "lantern://participant/alpha?role=admin", "lantern://participant/?role=tech",
        ] {
            #expect(throws: PKIError.self, "\(bad)") { try ParticipantIdentity(uri: bad) }
        }
    }
}

@Suite struct RegistryTests {
    let ca: CertificateAuthority
    let registry: ParticipantRegistry

    init() throws {
        ca = try CertificateAuthority.create()
        registry = ParticipantRegistry(
            version: 3, issuedAt: Fixtures.now,
            participants: [
                .init(id: ParticipantID("bravo")!, role: .tech), .init(id: ParticipantID("alpha")!, role: .tech, financialPoolOptIn: true),
                .init(id: ParticipantID("finco")!, role: .financial, financialPoolOptIn: true),
            ],
            revokedSerials: ["0abc"])
    }

    @Test func aSignedRegistryVerifiesAgainstItsCA() throws {
        let signed = try registry.signed(by: ca)
        let verified = try signed.verified(by: ca.certificate)
        #expect(verified == registry)
        #expect(verified.participants.map(\.id.rawValue) == ["alpha", "bravo", "finco"])
        #expect(verified.entry(ParticipantID("finco")!)?.financialPoolOptIn == false)
        #expect(verified.directory[ParticipantID("alpha")!]?.financialPoolOptIn == true)
    }

    @Test func tamperingOrAnotherCAIsRefused() throws {
        let signed = try registry.signed(by: ca)
        var tampered = signed
        var payload = try #require(Data(base64Encoded: signed.payload))
        payload[payload.count / 2] ^= 0x01
        tampered.payload = payload.base64EncodedString()
        #expect(throws: PKIError.registrySignature) { try tampered.verified(by: ca.certificate) }
        let other = try CertificateAuthority.create()
        #expect(throws: PKIError.registrySignature) { try registry.signed(by: other).verified(by: ca.certificate) }
        #expect(throws: PKIError.self) { try SignedRegistry(payload: "%%%", signature: "").verified(by: ca.certificate) }
    }

    @Test func onlyANewerVersionReplacesTheCurrentOne() throws {
        let signed = try registry.signed(by: ca)
        #expect(try signed.replacing(nil, caCertificate: ca.certificate).version == 3)
        var older = registry
        older.version = 2
        #expect(throws: PKIError.registryNotNewer(current: 3, offered: 3)) { try signed.replacing(registry, caCertificate: ca.certificate) }
        #expect(try signed.replacing(older, caCertificate: ca.certificate).version == 3)
        // A registry that leaves this node out, or gives it another role, is never put in force on it.
        let charlie = ParticipantIdentity(participant: ParticipantID("charlie")!, role: .tech)
        #expect(throws: PKIError.registryOmitsNode(version: 3, node: charlie.description)) {
            try signed.replacing(older, caCertificate: ca.certificate, for: charlie)
        }
        let fincoAsTech = ParticipantIdentity(participant: ParticipantID("finco")!, role: .tech)
        #expect(throws: PKIError.self) { try signed.replacing(older, caCertificate: ca.certificate, for: fincoAsTech) }
        let alpha = ParticipantIdentity(participant: ParticipantID("alpha")!, role: .tech)
        #expect(try signed.replacing(older, caCertificate: ca.certificate, for: alpha).version == 3)
    }
}

@Suite struct PeerVerificationTests {
    let ca: CertificateAuthority
    let verifier: PeerCertificateVerifier
    let alpha = ParticipantIdentity(participant: ParticipantID("alpha")!, role: .tech)

    init() throws {
        ca = try CertificateAuthority.create()
        verifier = PeerCertificateVerifier(caCertificate: ca.certificate)
    }

    func registry(revoked: [String] = [], participants: [ParticipantRegistry.Entry]? = nil) -> ParticipantRegistry {
        ParticipantRegistry(
            version: 1, issuedAt: Fixtures.now,
            participants: participants ?? [.init(id: ParticipantID("alpha")!, role: .tech), .init(id: ParticipantID("finco")!, role: .financial)],
            revokedSerials: revoked)
    }

    func refusal(_ certificate: Certificate, _ registry: ParticipantRegistry) async -> String? {
        switch await verifier.verify(leaf: certificate, registry: registry) {
        case .success: return nil
        case .failure(let refusal): return refusal.reason
        }
    }

    @Test func aCurrentCertificateOfAKnownParticipantIsAccepted() async throws {
        let issued = try ca.issue(identity: alpha)
        let result = await verifier.verify(leaf: issued.certificate, registry: registry())
        #expect((try? result.get()) == alpha)
    }

    @Test func anotherCAIsRefused() async throws {
        let other = try CertificateAuthority.create(name: "LanternNode Program CA")
        let forged = try other.issue(identity: alpha)
        #expect(await refusal(forged.certificate, registry()) != nil)
    }

    @Test func anExpiredCertificateIsRefused() async throws {
        let old = try ca.issue(identity: alpha, now: Date().addingTimeInterval(-10 * 86_400), validityDays: 1)
        #expect(await refusal(old.certificate, registry()) != nil)
    }

    @Test func aRevokedCertificateIsRefused() async throws {
        let issued = try ca.issue(identity: alpha)
        let reason = await refusal(issued.certificate, registry(revoked: [issued.certificate.serialNumber.hex]))
        #expect(reason?.contains("revoked") == true, "\(reason ?? "accepted")")
    }

    @Test func aParticipantNotInTheRegistryIsRefused() async throws {
        let charlie = try ca.issue(identity: ParticipantIdentity(participant: ParticipantID("charlie")!, role: .tech))
        let reason = await refusal(charlie.certificate, registry())
        #expect(reason?.contains("not in registry") == true, "\(reason ?? "accepted")")
    }

    @Test func aRoleThatDisagreesWithTheRegistryIsRefused() async throws {
        let claimsTech = try ca.issue(identity: ParticipantIdentity(participant: ParticipantID("finco")!, role: .tech))
        let reason = await refusal(claimsTech.certificate, registry())
        #expect(reason?.contains("registry says financial") == true, "\(reason ?? "accepted")")
    }
}
