import Foundation
import LanternCore
import LanternPKI
import LanternServer
import LanternStore

/// What `init` and `restore` share: a node's credentials from a certificate directory, and the registry document
/// meant for it from the program's registry file.
extension NodeHome {
    /// A registry document for this node, verified against the program CA, with the views it relays.
    typealias VerifiedRegistry = (signed: SignedRegistry, registry: ParticipantRegistry, views: [ParticipantID: SignedRegistry])

    /// Reads node.pem, node-key.pem and ca.pem from `certs` and checks they are `identity`'s.
    static func credentials(from certs: String, for identity: ParticipantIdentity) throws -> FederationCredentials {
        let credentials: FederationCredentials
        do { credentials = try FederationCredentials(directory: URL(fileURLWithPath: certs, isDirectory: true)) } catch {
            throw CLIError(.refused, "--certs: \(error)")
        }
        guard credentials.identity == identity else {
            throw CLIError(.refused, "--certs: the certificate is for \(credentials.identity), not \(identity).")
        }
        return credentials
    }

    /// The document of the registry file at `file` meant for the holder of `credentials`.
    static func registry(from file: String, for credentials: FederationCredentials) throws -> VerifiedRegistry {
        do {
            let bundle = try RegistryBundle.decode(Data(contentsOf: URL(fileURLWithPath: file)))
            return try bundle.replacing(nil, caCertificate: credentials.caCertificate, for: credentials.identity)
        } catch {
            throw CLIError(.refused, "--registry: \(error)")
        }
    }

    /// Copies the certificate, key and CA from `certs` into this home's tls directory, the key readable by the
    /// owner only.
    func installCredentials(from certs: String) throws {
        try FileManager.default.createDirectory(at: tlsDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for name in [FederationCredentials.files.certificate, FederationCredentials.files.key, FederationCredentials.files.ca] {
            let text = try String(contentsOfFile: URL(fileURLWithPath: certs).appendingPathComponent(name).path, encoding: .utf8)
            try writeFile(text, to: tlsDirectory.appendingPathComponent(name), mode: name == FederationCredentials.files.key ? 0o600 : 0o644)
        }
    }

    /// Puts `verified` in force in `store`.
    static func save(_ verified: VerifiedRegistry, in store: NodeStore) throws {
        let version = verified.registry.version
        try store.saveRegistry(
            StoredRegistry(version: version, payload: verified.signed.payload, signature: verified.signed.signature),
            participants: verified.registry.participants,
            views: verified.views.mapValues { StoredRegistry(version: version, payload: $0.payload, signature: $0.signature) }, now: Date())
    }
}
