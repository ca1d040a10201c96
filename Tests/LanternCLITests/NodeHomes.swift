import Foundation
import LanternCore
import LanternPKI
import LanternTesting

/// Node homes for the real-process federation tests: a certificate from the test's CA for the node's address, then
/// `lantern init` with it and the registry, and any settings the test needs in `config.json`.
struct NodeHomes {
    let directory: TemporaryDirectory
    let ca: CertificateAuthority

    /// Makes the home of participant `id` and returns its path.
    func make(
        _ id: String, role: ParticipantRole = .tech, host: String, registry: String, peerPort: Int = 0, config: [String: Any] = [:]
    ) throws -> String {
        let issued = try ca.issue(identity: ParticipantIdentity(participant: ParticipantID(id)!, role: role))
        let certs = directory.file("certs-\(id)")
        try FileManager.default.createDirectory(atPath: certs, withIntermediateDirectories: true)
        try issued.certificatePEM.write(toFile: certs + "/node.pem", atomically: true, encoding: .utf8)
        try issued.privateKeyPEM.write(toFile: certs + "/node-key.pem", atomically: true, encoding: .utf8)
        try ca.certificatePEM.write(toFile: certs + "/ca.pem", atomically: true, encoding: .utf8)
        let home = directory.file(id)
        let made = try LanternProcess.run([
            "init", "--home", home, "--participant", id, "--role", role.rawValue, "--api-port", "0", "--certs", certs, "--registry", registry,
            "--peer-host", host, "--peer-port", String(peerPort),
        ])
        guard made.status == 0 else { throw LanternProcess.ServerError(message: made.stderr) }
        if !config.isEmpty {
            let file = URL(fileURLWithPath: home + "/config.json")
            var settings = (try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]) ?? [:]
            settings.merge(config) { $1 }
            try JSONSerialization.data(withJSONObject: settings).write(to: file)
        }
        return home
    }

    /// A registry of the tech participants `ids`, signed by the test's CA, in a file: its path.
    func registry(of ids: [String], version: UInt64 = 1) throws -> String {
        let registry = ParticipantRegistry(
            version: version, issuedAt: Date(), participants: ids.map { Participant(id: ParticipantID($0)!, role: .tech) }, revokedSerials: [])
        let file = directory.file("registry-\(version).json")
        try JSONEncoder().encode(try registry.signedBundle(by: ca)).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The values of the live signals a node holds, from `lantern signal list`.
    static func values(_ home: String) throws -> Set<String> {
        let listed = try LanternProcess.run(["signal", "list", "--json", "--home", home])
        let object = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        return Set((object?["signals"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String })
    }

    /// Waits up to `seconds` for `condition`, polling.
    static func eventually(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }
}
