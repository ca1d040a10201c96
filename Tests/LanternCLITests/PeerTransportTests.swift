import AsyncHTTPClient
import Foundation
import LanternCore
import LanternPKI
import LanternServer
import LanternTesting
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing
import X509

/// Two real nodes with certificates from a program CA, and clients that try every way in.
@Suite(.serialized) struct PeerTransportTests {
    let directory: TemporaryDirectory
    let ca: CertificateAuthority
    var registryVersion: UInt64 = 0

    init() throws {
        directory = try TemporaryDirectory(prefix: "lantern-peers")
        ca = try CertificateAuthority.create()
    }

    /// Issues a certificate and writes it where `lantern init --certs` reads it.
    func issue(
        _ id: String, role: ParticipantRole = .tech, host: String, now: Date = Date(), days: Int = 30
    ) throws -> (URL, CertificateAuthority.IssuedCertificate) {
        let issued = try ca.issue(
            identity: ParticipantIdentity(participant: ParticipantID(id)!, role: role), now: now, validityDays: days)
        let out = directory.url.appendingPathComponent("certs-\(id)-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try issued.certificatePEM.write(to: out.appendingPathComponent("node.pem"), atomically: true, encoding: .utf8)
        try issued.privateKeyPEM.write(to: out.appendingPathComponent("node-key.pem"), atomically: true, encoding: .utf8)
        try ca.certificatePEM.write(to: out.appendingPathComponent("ca.pem"), atomically: true, encoding: .utf8)
        return (out, issued)
    }

    func writeRegistry(version: UInt64, participants: [String], revoked: [String] = []) throws -> String {
        let registry = ParticipantRegistry(
            version: version, issuedAt: Date(),
            participants: participants.map { .init(id: ParticipantID($0)!, role: $0 == "finco" ? .financial : .tech) }, revokedSerials: revoked)
        let file = directory.file("registry-\(version).json")
        try JSONEncoder().encode(try registry.signed(by: ca)).write(to: URL(fileURLWithPath: file))
        return file
    }

    func node(_ id: String, host: String, certs: URL, registry: String) throws -> LanternProcess.Server {
        let home = directory.file(id)
        let result = try LanternProcess.run([
            "init", "--home", home, "--participant", id, "--api-port", "0", "--certs", certs.path, "--registry", registry,
            "--peer-host", host, "--peer-port", "0",
        ])
        guard result.status == 0 else { throw LanternProcess.ServerError(message: result.stderr) }
        return try LanternProcess.Server(home: home)
    }

    /// A client with the given certificate (or none), trusting only `trust`.
    func client(_ issued: CertificateAuthority.IssuedCertificate?, trust: CertificateAuthority) throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv13
        tls.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(try trust.certificatePEM.utf8), format: .pem)])
        // These clients try the server's refusals; the server's own name is checked by the nodes' client.
        tls.certificateVerification = .noHostnameVerification
        if let issued {
            tls.certificateChain = [.certificate(try NIOSSLCertificate(bytes: Array(try issued.certificatePEM.utf8), format: .pem))]
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(issued.privateKeyPEM.utf8), format: .pem))
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.httpVersion = .http1Only
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// The status of `GET /peer/v1/hello`, or nil when the connection was refused.
    func hello(_ client: HTTPClient, _ url: String) async -> Int? {
        var request = HTTPClientRequest(url: url + "/peer/v1/hello")
        request.method = .GET
        do {
            let response = try await client.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            return Int(response.status.code)
        } catch {
            return nil
        }
    }

    @Test func onlyConfiguredPeersWithValidCertificatesGetIn() async throws {
        let (alphaCerts, alphaIssued) = try issue("alpha", host: "127.0.0.21")
        let (bravoCerts, _) = try issue("bravo", host: "127.0.0.22")
        let (_, charlieIssued) = try issue("charlie", host: "127.0.0.23")
        let (_, zuluIssued) = try issue("zulu", host: "127.0.0.24")
        let (_, expiredIssued) = try issue("alpha", host: "127.0.0.21", now: Date().addingTimeInterval(-20 * 86_400), days: 1)
        let registry = try writeRegistry(version: 1, participants: ["alpha", "bravo", "charlie"])
        let alpha = try node("alpha", host: "127.0.0.21", certs: alphaCerts, registry: registry)
        let bravo = try node("bravo", host: "127.0.0.22", certs: bravoCerts, registry: registry)
        defer {
            alpha.stop()
            bravo.stop()
        }
        let bravoURL = try #require(bravo.peerURL)
        let alphaURL = try #require(alpha.peerURL)

        // Peers are configured on both sides with the CLI; status shows the mutual-TLS call working.
        #expect(try LanternProcess.run(["peer", "add", "--home", alpha.home, "--participant", "bravo", "--url", bravoURL]).status == 0)
        #expect(try LanternProcess.run(["peer", "add", "--home", bravo.home, "--participant", "alpha", "--url", alphaURL]).status == 0)
        let status = try LanternProcess.run(["peer", "status", "--home", alpha.home, "--json"])
        #expect(status.stdout.contains("\"reachable\" : true"), "\(status.stdout)")
        let notInRegistry = try LanternProcess.run(["peer", "add", "--home", alpha.home, "--participant", "zulu", "--url", "https://127.0.0.24:1"])
        #expect(notInRegistry.status == 3)

        let other = try CertificateAuthority.create()
        let forged = try other.issue(identity: ParticipantIdentity(participant: ParticipantID("alpha")!, role: .tech))
        let clients = [
            ("alpha", try client(alphaIssued, trust: ca)), ("no certificate", try client(nil, trust: ca)),
            ("another CA", try client(forged, trust: ca)), ("expired", try client(expiredIssued, trust: ca)),
            ("not in the registry", try client(zuluIssued, trust: ca)), ("not a peer", try client(charlieIssued, trust: ca)),
        ]
        let fresh = try client(alphaIssued, trust: ca)
        do {
            try await probe(clients: clients, fresh: fresh, bravo: bravo, bravoURL: bravoURL, alphaIssued: alphaIssued, registry: registry)
        } catch {
            Issue.record(error)
        }
        for (_, client) in clients { try await client.shutdown() }
        try await fresh.shutdown()
    }

    func probe(
        clients: [(String, HTTPClient)], fresh: HTTPClient, bravo: LanternProcess.Server, bravoURL: String,
        alphaIssued: CertificateAuthority.IssuedCertificate, registry: String
    ) async throws {
        var outcomes: [String: Int?] = [:]
        for (name, client) in clients {
            outcomes[name] = await hello(client, bravoURL)
        }
        #expect(outcomes["alpha"] == 200)
        #expect(outcomes["no certificate"] == .some(nil))
        #expect(outcomes["another CA"] == .some(nil))
        #expect(outcomes["expired"] == .some(nil))
        #expect(outcomes["not in the registry"] == .some(nil))
        #expect(outcomes["not a peer"] == 403)

        // Revocation reaches a kept-alive connection on its next request, and new handshakes fail.
        let kept = clients[0].1
        #expect(await hello(kept, bravoURL) == 200)
        let revoked = try writeRegistry(version: 2, participants: ["alpha", "bravo", "charlie"], revoked: [alphaIssued.certificate.serialNumber.hex])
        let load = try LanternProcess.run(["registry", "load", revoked, "--home", bravo.home])
        #expect(load.status == 0, "\(load.stderr)")
        #expect(await hello(kept, bravoURL) == 403)
        #expect(await hello(fresh, bravoURL) == nil)
        // An older registry is never taken back.
        #expect(try LanternProcess.run(["registry", "load", registry, "--home", bravo.home]).status == 3)

        // Every refusal was counted, by reason, in the metrics Prometheus scrapes.
        let metrics = try await scrape(bravo)
        for line in [
            #"lantern_handshake_failures_total{reason="unknown_participant"}"#, #"lantern_handshake_failures_total{reason="untrusted"}"#,
            #"lantern_handshake_failures_total{reason="revoked"}"#, #"lantern_refusals_total{reason="not_a_peer"}"#,
            #"lantern_refusals_total{reason="certificate"}"#,
        ] {
            #expect(metrics.contains(line + " "), "\(line) is missing from:\n\(metrics)")
        }
    }

    /// The node's `/metrics`, read with its CLI token.
    func scrape(_ server: LanternProcess.Server) async throws -> String {
        let token = try String(contentsOfFile: server.home + "/cli.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        var request = HTTPClientRequest(url: server.url + "/metrics")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(response.status == .ok)
        return String(buffer: try await response.body.collect(upTo: 1 << 20))
    }
}
