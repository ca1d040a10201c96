import Crypto
public import Foundation
import LanternCore
import SwiftASN1
public import X509

/// The program's certificate authority: it issues node certificates and signs the participant registry.
///
/// Keys are P-256. The private key is kept as PEM text, because swift-crypto's key type is not `Sendable`.
public struct CertificateAuthority: Sendable {
    public let certificate: Certificate
    public let privateKeyPEM: String

    /// Creates a new program CA with a self-signed certificate.
    public static func create(name: String = "LanternNode Program CA", now: Date = Date(), validityDays: Int = 3650) throws -> CertificateAuthority {
        let key = P256.Signing.PrivateKey()
        let privateKey = Certificate.PrivateKey(key)
        let subject = try DistinguishedName {
            CommonName(name)
            OrganizationName("LanternNode program")
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: privateKey.publicKey,
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(Double(validityDays) * 86_400),
            issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: privateKey.publicKey)
            },
            issuerPrivateKey: privateKey)
        return CertificateAuthority(certificate: certificate, privateKeyPEM: key.pemRepresentation)
    }

    /// Loads a CA from its certificate and private key in PEM.
    public init(certificatePEM: String, privateKeyPEM: String) throws {
        let certificate: Certificate
        do { certificate = try Certificate(pemEncoded: certificatePEM) } catch { throw PKIError.badPEM("CA certificate") }
        guard (try? certificate.extensions.basicConstraints) == .isCertificateAuthority(maxPathLength: 0) else { throw PKIError.notCA }
        let key: P256.Signing.PrivateKey
        do { key = try P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM) } catch { throw PKIError.badPEM("CA private key") }
        guard Certificate.PublicKey(key.publicKey) == certificate.publicKey else {
            throw PKIError.badPEM("CA private key (it does not match the certificate)")
        }
        self.init(certificate: certificate, privateKeyPEM: privateKeyPEM)
    }

    init(certificate: Certificate, privateKeyPEM: String) {
        self.certificate = certificate
        self.privateKeyPEM = privateKeyPEM
    }

    var signingKey: P256.Signing.PrivateKey {
        // The PEM was produced or checked by this type.
        try! P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
    }

    public var certificatePEM: String {
        get throws { try certificate.serializeAsPEM().pemString }
    }

    /// A node certificate and its new private key.
    public struct IssuedCertificate: Sendable {
        public let certificate: Certificate
        public let privateKeyPEM: String

        public var certificatePEM: String {
            get throws { try certificate.serializeAsPEM().pemString }
        }
    }

    /// Issues a node certificate for `identity`, valid for server and client authentication.
    ///
    /// Its names are the participant's alone: the identity URI and the participant's peer name
    /// (`ParticipantIdentity.peerHostName`), which clients verify whatever address they dial. It carries no address:
    /// TLS clients accept an address in a certificate for whoever answers at it, which would let any node reachable
    /// there pass for this participant.
    public func issue(identity: ParticipantIdentity, now: Date = Date(), validityDays: Int = 365) throws -> IssuedCertificate {
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let subject = try DistinguishedName {
            CommonName(identity.participant.rawValue)
            OrganizationName("LanternNode participant")
        }
        let names: [GeneralName] = [
            .dnsName(ParticipantIdentity.peerHostName(of: identity.participant)), .uniformResourceIdentifier(identity.uri),
        ]
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(Double(validityDays) * 86_400),
            issuer: self.certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth, .clientAuth])
                SubjectAlternativeNames(names)
                SubjectKeyIdentifier(hash: publicKey)
                AuthorityKeyIdentifier(keyIdentifier: try self.certificate.extensions.subjectKeyIdentifier?.keyIdentifier)
            },
            issuerPrivateKey: Certificate.PrivateKey(signingKey))
        return IssuedCertificate(certificate: certificate, privateKeyPEM: key.pemRepresentation)
    }
}
