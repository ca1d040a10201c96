import Foundation
import LanternApp
import LanternClient
import LanternCore
import LanternPKI
import LanternServer
import LanternTesting
import NIOHTTP1
import Testing

/// Two federated nodes in this process, each assembled by `LanternNode` from a home founded with certificates and the
/// program registry: mutual TLS, a pull and a removal, with no process started.
@Suite struct InProcessFederationTests {
    let directory: TemporaryDirectory
    let ca: CertificateAuthority

    init() throws {
        directory = try TemporaryDirectory(prefix: "lantern-app-federation")
        ca = try CertificateAuthority.create()
    }

    func found(_ id: String, host: String, registry: RegistryBundle) throws -> NodeHome {
        let identity = ParticipantIdentity(participant: ParticipantID(id)!, role: .tech)
        let issued = try ca.issue(identity: identity)
        let certs = URL(fileURLWithPath: directory.file("certs-\(id)"), isDirectory: true)
        try FileManager.default.createDirectory(at: certs, withIntermediateDirectories: true)
        try issued.certificatePEM.write(to: certs.appendingPathComponent("node.pem"), atomically: true, encoding: .utf8)
        try issued.privateKeyPEM.write(to: certs.appendingPathComponent("node-key.pem"), atomically: true, encoding: .utf8)
        try ca.certificatePEM.write(to: certs.appendingPathComponent("ca.pem"), atomically: true, encoding: .utf8)
        let registryFile = URL(fileURLWithPath: directory.file("registry.json"))
        try JSONEncoder().encode(registry).write(to: registryFile)
        var configuration = NodeConfiguration()
        configuration.apiPort = 0
        configuration.peerHost = host
        configuration.peerPort = 0
        var founding = NodeHome.Founding(participant: Participant(id: identity.participant, role: .tech), configuration: configuration)
        let credentials = try NodeHome.credentials(in: certs, for: identity)
        founding.certificates = certs
        founding.registry = try NodeHome.registry(in: registryFile, for: credentials)
        let home = NodeHome(directory.file(id))
        try home.found(founding)
        return home
    }

    @Test func twoNodesInOneProcessExchangeASignalAndItsRemoval() async throws {
        let registry = try ParticipantRegistry(
            version: 1, issuedAt: Date(), participants: ["alpha", "bravo"].map { Participant(id: ParticipantID($0)!, role: .tech) },
            revokedSerials: []
        ).signedBundle(by: ca)
        let alpha = try await RunningNode.start(try found("alpha", host: "127.0.0.65", registry: registry))
        let bravo = try await RunningNode.start(try found("bravo", host: "127.0.0.66", registry: registry))
        #expect(alpha.endpoints.peer?.hasPrefix("https://127.0.0.65:") == true)
        try await alpha.client.send(.PUT, "/v1/peers/bravo", json: Data(#"{"url": "\#(bravo.endpoints.peer!)"}"#.utf8))
        try await bravo.client.send(.PUT, "/v1/peers/alpha", json: Data(#"{"url": "\#(alpha.endpoints.peer!)"}"#.utf8))

        let id = try await alpha.addURL("https://in-process.example/")
        #expect(try await bravo.eventually { try await bravo.values() == ["https://in-process.example/"] })
        try await alpha.client.send(.DELETE, "/v1/signals/\(id)?reason=entered_in_error")
        #expect(try await bravo.eventually { try await bravo.values().isEmpty })

        try await bravo.stop()
        try await alpha.stop()
    }
}

extension RunningNode {
    /// Pulls from every peer until `condition` holds, for up to ten seconds.
    func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            _ = try await client.send(.POST, "/v1/sync")
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }
}
