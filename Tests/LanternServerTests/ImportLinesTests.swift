import Foundation
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Testing

/// An import reads lines from chunks that may end anywhere: the line numbers and results do not depend on where.
@Suite struct ImportLinesTests {
    static let text = [
        #"{"type":"url","value":"https://lines.example/1","tags":["sextortion"],"severity":"WARNING","review_status":"UNREVIEWED","audience":"all"}"#,
        #"{"type":"url","value":"not a url","tags":["sextortion"],"severity":"WARNING","review_status":"UNREVIEWED","audience":"all"}"#,
        "",
        #"{"type":"url","value":"https://lines.example/4","tags":["sextortion"],"severity":"WARNING","review_status":"UNREVIEWED","audience":"all"}"#,
    ].joined(separator: "\n")

    func run(
        chunkedBy size: Int, maxLineBytes: Int = ImportSession.defaultMaxLineBytes, dryRun: Bool = true
    ) async throws
        -> ImportSession.Summary
    {
        let directory = try TemporaryDirectory()
        let service = try SignalService(store: try Fixtures.store(in: directory))
        var session = try ImportSession(service: service, batchSize: 2, dryRun: dryRun, maxLineBytes: maxLineBytes)
        let bytes = Array(Self.text.utf8)
        var start = 0
        while start < bytes.count {
            try await session.consume(bytes: bytes[start..<min(bytes.count, start + size)])
            start += size
        }
        return try await session.finishLines()
    }

    @Test(arguments: [1, 7, 64, 100_000])
    func linesAreTheSameWhateverTheChunks(size: Int) async throws {
        let summary = try await run(chunkedBy: size)
        #expect(summary.lines == 4 && summary.created == 2 && summary.rejected == 1, "\(summary)")
        #expect(summary.errors.map(\.line) == [2] && summary.errors.first?.field == "value")
    }

    @Test func aLineOverTheLimitIsRefusedByNumberWithoutBeingHeld() async throws {
        let summary = try await run(chunkedBy: 16, maxLineBytes: 125)
        #expect(summary.errors.map(\.line) == [1, 2, 4])
        #expect(summary.errors[0].message == "The line is longer than 125 bytes.")
        #expect(summary.errors[1].field == "value")
        #expect(summary.created == 0)
    }

    @Test func uploadsLeftByAnEarlierRunAreDeletedAtStart() throws {
        let directory = try TemporaryDirectory()
        let service = try SignalService(store: try Fixtures.store(in: directory))
        let uploads = directory.url.appendingPathComponent("uploads")
        let first = try ImportJobs(service: service, directory: uploads)
        let (_, file) = try first.makeUploadFile()
        #expect(FileManager.default.fileExists(atPath: file.path))
        _ = try ImportJobs(service: service, directory: uploads)
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }
}
