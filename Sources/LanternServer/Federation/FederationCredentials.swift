import Crypto
public import Foundation
import LanternCore
public import LanternPKI
public import LanternSync
import NIOCore
public import NIOSSL
import SwiftASN1
public import X509

/// A node's place in the federation: its certificate and key, and the program CA, read from `<home>/tls`.
public struct FederationCredentials: Sendable {
    public let identity: ParticipantIdentity
    public let certificate: Certificate
    public let caCertificate: Certificate
    let certificatePEM: String
    let privateKeyPEM: String
    let caPEM: String

    /// The files, in the directory `lantern ca issue --out` writes.
    public static let files = (certificate: "node.pem", key: "node-key.pem", ca: "ca.pem")

    /// Reads and checks the three files in `directory`.
    public init(directory: URL) throws {
        func read(_ name: String) throws -> String {
            do { return try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) } catch {
                throw FederationError("\(directory.appendingPathComponent(name).path) cannot be read.")
            }
        }
        try self.init(certificatePEM: read(Self.files.certificate), privateKeyPEM: read(Self.files.key), caPEM: read(Self.files.ca))
    }

    public init(certificatePEM: String, privateKeyPEM: String, caPEM: String) throws {
        do {
            certificate = try Certificate(pemEncoded: certificatePEM)
            caCertificate = try Certificate(pemEncoded: caPEM)
        } catch {
            throw FederationError("A certificate is not valid PEM: \(error).")
        }
        identity = try ParticipantIdentity(certificate: certificate)
        guard let key = try? Certificate.PrivateKey(pemEncoded: privateKeyPEM), key.publicKey == certificate.publicKey else {
            throw FederationError("The node's private key is not valid PEM or does not match its certificate.")
        }
        guard certificate.issuer == caCertificate.subject else {
            throw FederationError("The node's certificate was not issued by the program CA in ca.pem.")
        }
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.caPEM = caPEM
    }

    /// The node's certificate in PEM, sent with the heads it signs.
    public var certificatePEMText: String { certificatePEM }

    /// Signs the head of one of this node's own chains.
    public func signHead(_ event: ChainEvent) throws -> ChainHead {
        try ChainHead.sign(event, with: P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM))
    }

    /// TLS 1.3 with a required client certificate. Chain checks happen in the verification callback.
    public func serverTLSConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfigurationWithMTLS(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)),
            trustRoots: .certificates([try NIOSSLCertificate(bytes: Array(caPEM.utf8), format: .pem)]))
        configuration.minimumTLSVersion = .tlsv13
        // A peer that does not answer the close of an idle connection holds up a stop no longer than this.
        configuration.shutdownTimeout = .seconds(1)
        return configuration
    }

    /// TLS 1.3 with this node's certificate and the program CA as the only trust root.
    public func clientTLSConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv13
        configuration.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(caPEM.utf8), format: .pem)])
        configuration.certificateChain = [.certificate(try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem))]
        configuration.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem))
        configuration.certificateVerification = .fullVerification
        return configuration
    }
}

/// A federation setting or peer that cannot be used, with a full-sentence reason.
public struct FederationError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
