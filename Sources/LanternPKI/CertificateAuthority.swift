import Crypto
import Foundation
import LanternCore
import SwiftASN1
import X509

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

    /// Issues a node certificate for `identity`, valid for server and client authentication on `hosts`.
    public func issue(
        identity: ParticipantIdentity, hosts: [String], now: Date = Date(), validityDays: Int = 365
    ) throws -> IssuedCertificate {
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let subject = try DistinguishedName {
            CommonName(identity.participant.rawValue)
            OrganizationName("LanternNode participant")
        }
        var names: [GeneralName] = hosts.map { host in
            if let address = IPAddressBytes(host) { return .ipAddress(ASN1OctetString(contentBytes: address.bytes[...])) }
            return .dnsName(host)
        }
        names.append(.dnsName(ParticipantIdentity.peerHostName(of: identity.participant)))
        names.append(.uniformResourceIdentifier(identity.uri))
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

/// IPv4 and IPv6 literals as the bytes a certificate's IP address name holds.
struct IPAddressBytes {
    let bytes: [UInt8]

    init?(_ text: String) {
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, text, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
        } else {
            return nil
        }
    }
}
