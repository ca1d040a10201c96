public import Foundation
public import LanternCore
public import LanternPKI
public import LanternServer
public import LanternStore

/// What founding and restoring a home share: a node's credentials from a certificate directory, and the registry
/// document meant for it from the program's registry file.
extension NodeHome {
    /// A registry document for this node, verified against the program CA, with the views it relays.
    public typealias VerifiedRegistry = (signed: SignedRegistry, registry: ParticipantRegistry, views: [ParticipantID: SignedRegistry])

    /// Reads node.pem, node-key.pem and ca.pem from `directory` and checks they are `identity`'s.
    public static func credentials(in directory: URL, for identity: ParticipantIdentity) throws -> FederationCredentials {
        let credentials = try FederationCredentials(directory: directory)
        guard credentials.identity == identity else {
            throw NodeError.certificateOfAnother(directory: directory.path, holder: "\(credentials.identity)", participant: "\(identity)")
        }
        return credentials
    }

    /// The document of the registry file at `file` meant for the holder of `credentials`.
    public static func registry(in file: URL, for credentials: FederationCredentials) throws -> VerifiedRegistry {
        let bundle = try RegistryBundle.decode(Data(contentsOf: file))
        return try bundle.replacing(nil, caCertificate: credentials.caCertificate, for: credentials.identity)
    }

    /// Copies the certificate, key and CA from `directory` into this home's tls directory, the key readable by the
    /// owner only.
    public func installCredentials(from directory: URL) throws {
        try FileManager.default.createDirectory(at: tlsDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for name in [FederationCredentials.files.certificate, FederationCredentials.files.key, FederationCredentials.files.ca] {
            let file = tlsDirectory.appendingPathComponent(name)
            try Data(contentsOf: directory.appendingPathComponent(name)).write(to: file, options: .atomic)
            let mode = name == FederationCredentials.files.key ? 0o600 : 0o644
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        }
    }

    /// Puts `verified` in force in `store`.
    public static func save(_ verified: VerifiedRegistry, in store: NodeStore) throws {
        let version = verified.registry.version
        try store.federation.saveRegistry(
            StoredRegistry(version: version, payload: verified.signed.payload, signature: verified.signed.signature),
            participants: verified.registry.participants,
            views: verified.views.mapValues { StoredRegistry(version: version, payload: $0.payload, signature: $0.signature) }, now: Date())
    }
}
