import AsyncHTTPClient
import Foundation
import LanternCore
import LanternPKI
import LanternTesting
import NIOCore
import NIOHTTP1
import Testing

/// What a restore must not bring back: an older registry than the backup's, or a token revoked after the backup.
@Suite(.serialized) struct RestoreCommandTests {
    let directory: TemporaryDirectory
    let ca: CertificateAuthority

    init() throws {
        directory = try TemporaryDirectory(prefix: "lantern-restore")
        ca = try CertificateAuthority.create()
    }

    func registryFile(version: UInt64) throws -> String {
        try NodeHomes(directory: directory, ca: ca).registry(of: ["alpha", "bravo"], version: version)
    }

    func status(of secret: String, at server: LanternProcess.Server) async throws -> UInt {
        var request = HTTPClientRequest(url: server.url + "/v1/signals")
        request.headers.add(name: "Authorization", value: "Bearer \(secret)")
        return try await HTTPClient.shared.execute(request, timeout: .seconds(10)).status.code
    }

    @Test func aRestoreKeepsTheNewestRegistryAndRevokesTheBackupsTokens() async throws {
        let home = try NodeHomes(directory: directory, ca: ca).make("alpha", host: "127.0.0.91", registry: try registryFile(version: 1))
        let created = try LanternProcess.run(["token", "create", "--name", "integration", "--role", "integration", "--json", "--home", home])
        let secret = try #require(
            (try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: String])?["secret"], "\(created.stderr)")
        let server = try LanternProcess.Server(home: home)
        #expect(try await status(of: secret, at: server) == 200)
        #expect(try LanternProcess.run(["registry", "load", try registryFile(version: 2), "--home", home]).status == 0)
        let backup = directory.file("alpha.sqlite")
        #expect(try LanternProcess.run(["backup", "--home", home, "--to", backup]).status == 0)
        server.stop()

        let restored = directory.file("restored")
        func restore(_ extra: [String]) throws -> LanternProcess.Result {
            try LanternProcess.run(["restore", "--home", restored, "--from", backup, "--api-port", "0", "--peer-port", "0"] + extra)
        }
        // A federated backup without its credentials and the current registry is refused, and leaves nothing behind.
        let bare = try restore([])
        #expect(bare.status == 3 && bare.stderr.contains("--certs"), "\(bare.stderr)")
        #expect(!FileManager.default.fileExists(atPath: restored + "/node.sqlite"))
        let certs = directory.file("certs-alpha")
        // A registry older than the backup's would admit again whoever was revoked since.
        let older = try restore(["--certs", certs, "--registry", try registryFile(version: 1)])
        #expect(older.status == 3 && older.stderr.contains("older than version 2"), "\(older.stderr)")
        #expect(!FileManager.default.fileExists(atPath: restored + "/node.sqlite"))

        let done = try restore(["--certs", certs, "--registry", try registryFile(version: 3)])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.contains("tokens of the backup are revoked"))
        let node = try LanternProcess.Server(home: restored)
        defer { node.stop() }
        #expect(node.peerURL != nil)
        #expect(try LanternProcess.run(["registry", "show", "--home", restored]).stdout.contains("\"version\" : 3"))
        // The integration's token from before the backup no longer works; the restored CLI's does.
        #expect(try await status(of: secret, at: node) == 401)
        #expect(try LanternProcess.run(["signal", "list", "--home", restored]).status == 0)
    }
}
