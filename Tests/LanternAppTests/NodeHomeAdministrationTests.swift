import Foundation
import LanternApp
import LanternClient
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import NIOHTTP1
import Testing

/// The home's own commands (tokens, backups) work through `NodeHome` while its node runs, and the node sees them.
@Suite struct NodeHomeAdministrationTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory(prefix: "lantern-home")
    }

    func found(_ id: String) throws -> NodeHome { try NodeHome.founded(id, in: directory) }

    @Test func aTokenMadeOnTheHomeWorksAtOnceAndStopsWhenRevoked() async throws {
        let home = try found("alpha")
        let node = try await RunningNode.start(home)
        let (token, secret) = try home.createToken(name: "siem", role: .integration)
        #expect(token.role == .integration && token.revokedAt == nil)
        #expect(try home.tokens().map(\.name).sorted() == ["cli", "siem"])

        let integration = APIClient(baseURL: node.endpoints.api, token: secret)
        #expect(try await integration.send(.GET, "/v1/signals", accepting: [401]).status == 200)
        try home.revokeToken(id: token.id)
        #expect(try await integration.send(.GET, "/v1/signals", accepting: [401]).status == 401)
        #expect(try home.tokens().first { $0.id == token.id }?.revokedAt != nil)

        let missing = #expect(throws: NodeError.self) { try home.revokeToken(id: "tok_missing") }
        #expect(missing?.isNotFound == true)
        try await node.stop()
    }

    @Test func aBackupOfARunningNodeHoldsWhatItStoredAndNeverOverwrites() async throws {
        let home = try found("alpha")
        let node = try await RunningNode.start(home)
        _ = try await node.addURL("https://backed-up.example/")
        let file = directory.file("alpha.backup")
        #expect(try home.backup(to: file) == 1)
        do {
            _ = try home.backup(to: file)
            Issue.record("A second backup overwrote \(file).")
        } catch let error as NodeError {
            #expect(error.refusesInput && "\(error)".contains("already exists"))
        }
        try await node.stop()
        #expect(throws: NodeError.self) { try NodeHome(directory.file("nowhere")).tokens() }
    }

    @Test func aRestoreRevokesTheBackupsTokensAndRefusesAnOldBackupLeavingNothing() async throws {
        let home = try found("alpha")
        let node = try await RunningNode.start(home)
        _ = try await node.addURL("https://restored.example/")
        let (token, _) = try home.createToken(name: "siem", role: .integration)
        let file = directory.file("alpha.backup")
        _ = try home.backup(to: file)
        try await node.stop()

        let day: TimeInterval = 86_400
        let tooLate = NodeHome(directory.file("too-late"))
        do {
            _ = try tooLate.restore(.init(backup: URL(fileURLWithPath: file), tombstoneMaxAge: 30 * day), now: Date().addingTimeInterval(31 * day))
            Issue.record("A backup older than the tombstone age bound was restored.")
        } catch let error as NodeError {
            #expect(error.refusesInput && "\(error)".contains("tombstone age bound"))
        }
        #expect(!tooLate.isInitialized, "a refused restore left a database behind")

        let restoredHome = NodeHome(directory.file("restored"))
        let restored = try restoredHome.restore(.init(backup: URL(fileURLWithPath: file), tombstoneMaxAge: 30 * day))
        #expect(restored.participant == ParticipantID("alpha") && restored.signals == 1 && restored.revokedTokens == 2)
        #expect(try restoredHome.tokens().first { $0.id == token.id }?.revokedAt != nil)
        let again = try await RunningNode.start(restoredHome)
        #expect(try await again.values() == ["https://restored.example/"])
        try await again.stop()
        #expect(throws: NodeError.self) { try restoredHome.restore(.init(backup: URL(fileURLWithPath: file), tombstoneMaxAge: 30 * day)) }
    }
}
