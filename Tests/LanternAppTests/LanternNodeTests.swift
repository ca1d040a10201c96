import AsyncHTTPClient
import Foundation
import LanternApp
import LanternClient
import LanternCore
import LanternServer
import LanternTesting
import Logging
import NIOCore
import NIOHTTP1
import Testing

/// Whole nodes run in this process through `LanternNode`, as `lantern serve` runs them.
@Suite struct LanternNodeTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory(prefix: "lantern-app")
    }

    func found(_ id: String) throws -> NodeHome { try NodeHome.founded(id, in: directory) }

    @Test func aNodeServesItsAPIAndStopsCleanlyKeepingWhatItStored() async throws {
        let home = try found("alpha")
        let node = try await RunningNode.start(home)
        #expect(node.endpoints.peer == nil)
        #expect(node.endpoints.api.hasPrefix("http://127.0.0.1:"))
        let written = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: home.runtimeFile))
        #expect(written == ["url": node.endpoints.api])
        try await node.addURL("https://kept.example/")
        try await node.stop()
        #expect(!FileManager.default.fileExists(atPath: home.runtimeFile.path), "api.json outlived the node")
        let wal = (try? FileManager.default.attributesOfItem(atPath: home.database + "-wal")[.size] as? Int) ?? 0
        #expect(wal == 0, "the write-ahead log was not folded into the database on a clean stop")
        // The lock went with it: the same home serves again, with what it held.
        let again = try await RunningNode.start(home)
        #expect(try await again.values() == ["https://kept.example/"])
        try await again.stop()
    }

    @Test func aNodeServesTheInvestigatorsUIBesideItsAPI() async throws {
        let home = try found("alpha")
        let node = try await RunningNode.start(home)
        let login = try await node.client.send(.GET, "/ui/login")
        #expect(login.status == 200)
        #expect(String(decoding: login.body, as: UTF8.self).contains("<h1>Log in</h1>"))
        // A user added on the home while the node runs can start a login at once.
        let (_, password) = try await home.addUser(name: "ana", role: .investigator)
        var request = HTTPClientRequest(url: node.endpoints.api + "/ui/login")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Origin", value: node.endpoints.api)
        request.body = .bytes(ByteBuffer(string: "name=ana&password=\(password)"))
        let browser = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let started = try await browser.execute(request, timeout: .seconds(30))
        try await browser.shutdown()
        #expect(started.status == .seeOther)
        #expect(started.headers.first(name: "Location") == "/ui/login/enrol")
        #expect(started.headers.first(name: "Set-Cookie")?.contains("SameSite=Strict") == true)
        try await node.stop()
        #expect(try home.verifyAudit().records == 1)
    }

    @Test func aSecondNodeOnTheSameHomeIsRefusedAndItsWaitEnds() async throws {
        let home = try found("alpha")
        let first = try await RunningNode.start(home)
        await #expect(throws: NodeError.self) { _ = try await RunningNode.start(home) }
        try await first.addURL("https://still-served.example/")
        try await first.stop()
    }

    @Test func aRefusedSettingStopsTheNodeBeforeItListensAndEndsTheWait() async throws {
        let home = try found("alpha")
        var configuration = try home.loadConfiguration()
        configuration.retentionDays = ["email": 0]
        // Given as a value, the setting is first checked when the node starts.
        let node = LanternNode(home: home, configuration: configuration, logger: Logger(label: "test-node"))
        let waiting = Task { try await node.endpoints() }
        do {
            try await node.run()
            Issue.record("A node ran with a retention of 0 days.")
        } catch let error as NodeError {
            #expect(error.refusesInput)
            #expect("\(error)".contains("config.json"))
        }
        await #expect(throws: NodeError.self) { _ = try await waiting.value }
        #expect(!FileManager.default.fileExists(atPath: home.runtimeFile.path))
        // Written to the home, the same setting is refused when it is read.
        try home.saveConfiguration(configuration)
        #expect(throws: NodeError.self) { _ = try LanternNode(home: home, logger: Logger(label: "test-node")) }
    }

    @Test func foundingAHomeTwiceIsRefusedAndLeavesTheFirstAlone() throws {
        let home = try found("alpha")
        let token = try home.cliToken()
        #expect(throws: NodeError.self) { _ = try found("alpha") }
        #expect(try home.cliToken() == token)
        let mode = try FileManager.default.attributesOfItem(atPath: home.path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }
}
