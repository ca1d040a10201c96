import Foundation
import LanternCore
import LanternPKI
import LanternTesting
import SwiftASN1
import Testing
import X509

/// `lantern ca` as the program administrator runs it.
@Suite struct CACommandTests {
    @Test func issueRevokeAndSignRegistries() async throws {
        let directory = try TemporaryDirectory(prefix: "lantern-ca")
        let ca = directory.file("ca")
        #expect(try LanternProcess.run(["ca", "init", "--dir", ca]).status == 0)
        #expect(try LanternProcess.run(["ca", "init", "--dir", ca]).status == 3)
        let alpha = try LanternProcess.run(["ca", "issue", "--dir", ca, "--participant", "alpha", "--role", "tech", "--out", directory.file("alpha")])
        #expect(alpha.status == 0, "\(alpha.stderr)")
        #expect(
            try LanternProcess.run(["ca", "issue", "--dir", ca, "--participant", "finco", "--role", "financial", "--out", directory.file("finco")])
                .status == 0)
        let badID = try LanternProcess.run(["ca", "issue", "--dir", ca, "--participant", "Not Valid", "--role", "tech", "--out", directory.file("x")])
        #expect(badID.status == 3)
        #expect(try LanternProcess.run(["ca", "registry", "--dir", ca, "--out", directory.file("r1.json")]).status == 0)
        #expect(try LanternProcess.run(["ca", "revoke", "--dir", ca, "--participant", "finco"]).status == 0)
        #expect(try LanternProcess.run(["ca", "revoke", "--dir", ca, "--participant", "nobody"]).status == 4)
        #expect(try LanternProcess.run(["ca", "registry", "--dir", ca, "--out", directory.file("r2.json")]).status == 0)

        let caCertificate = try Certificate(pemEncoded: String(contentsOfFile: ca + "/ca.pem", encoding: .utf8))
        let bundle1 = try RegistryBundle.decode(Data(contentsOf: URL(fileURLWithPath: directory.file("r1.json"))))
        let bundle2 = try RegistryBundle.decode(Data(contentsOf: URL(fileURLWithPath: directory.file("r2.json"))))
        // The first holds the full registry and finco's view; finco left with the revocation, and its view too.
        #expect(bundle1.registries.count == 2 && bundle2.registries.count == 1)
        let signed1 = bundle1.registries[0]
        let signed2 = bundle2.registries[0]
        #expect(
            try bundle1.registries[1].verified(by: Certificate(pemEncoded: String(contentsOfFile: ca + "/ca.pem", encoding: .utf8))).view
                == .financial(ParticipantID("finco")!))
        let first = try signed1.verified(by: caCertificate)
        let second = try signed2.replacing(first, caCertificate: caCertificate)
        #expect(first.participants.map(\.id.rawValue) == ["alpha", "finco"])
        #expect(second.participants.map(\.id.rawValue) == ["alpha"])
        #expect(second.revokedSerials.count == 1)
        #expect(throws: PKIError.self) { try signed1.replacing(second, caCertificate: caCertificate) }

        // The issued files make a certificate the registry accepts, and the key stays private.
        let leaf = try Certificate(pemEncoded: String(contentsOfFile: directory.file("alpha/node.pem"), encoding: .utf8))
        let verified = await PeerCertificateVerifier(caCertificate: caCertificate).verify(leaf: leaf, registry: second)
        #expect((try? verified.get())?.participant.rawValue == "alpha")
        let finco = try Certificate(pemEncoded: String(contentsOfFile: directory.file("finco/node.pem"), encoding: .utf8))
        let refused = await PeerCertificateVerifier(caCertificate: caCertificate).verify(leaf: finco, registry: second)
        #expect((try? refused.get()) == nil)
        let mode = try FileManager.default.attributesOfItem(atPath: directory.file("alpha/node-key.pem"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let caKeyMode = try FileManager.default.attributesOfItem(atPath: ca + "/ca-key.pem")[.posixPermissions] as? Int
        #expect(caKeyMode == 0o600)
    }
}
