import Foundation
import LanternApp
import LanternClient
import LanternCore
import LanternPKI
import LanternServer

/// The federation's files as `init` and `restore` take them, refused with the name of the option at fault.
extension NodeHome {
    /// `--certs`: node.pem, node-key.pem and ca.pem of `identity`.
    static func credentials(option certs: String, for identity: ParticipantIdentity) throws -> FederationCredentials {
        do { return try credentials(in: URL(fileURLWithPath: certs, isDirectory: true), for: identity) } catch {
            throw ClientError(.refused, "--certs: \(error)")
        }
    }

    /// `--registry`: the document of the program's registry file meant for the holder of `credentials`.
    static func registry(option file: String, for credentials: FederationCredentials) throws -> VerifiedRegistry {
        do { return try registry(in: URL(fileURLWithPath: file), for: credentials) } catch {
            throw ClientError(.refused, "--registry: \(error)")
        }
    }
}
