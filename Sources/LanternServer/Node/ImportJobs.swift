public import Foundation
public import LanternCore
import Synchronization

/// Imports of files uploaded through the UI. The upload is kept in a file of the node's home while it is imported in
/// the background, so the person who sent it can follow its progress and read the refused lines; the file is deleted
/// when the import ends. Jobs are held in memory: after a restart, sending the same file again resumes it after its
/// last committed line, as the CLI's import does.
public final class ImportJobs: Sendable {
    /// One upload and how far its import has got.
    public struct Job: Sendable {
        public enum State: Sendable, Equatable {
            case running
            case finished
            case failed(String)
        }

        public let id: String
        /// Who sent it (the audit log's actor): only they may follow it.
        public let owner: String
        public let fileName: String
        public let format: ImportFormat
        public let bytes: Int
        public internal(set) var bytesRead = 0
        public internal(set) var state = State.running
        public internal(set) var summary: ImportSession.Summary
        public let startedAt: Date
        public internal(set) var finishedAt: Date?
    }

    let service: SignalService
    /// Where uploads are kept while they are imported.
    public let directory: URL
    let jobs = Mutex<[String: Job]>([:])
    /// Finished jobs beyond this many are forgotten, oldest first.
    let keepFinished: Int
    let batchSize: Int

    /// Makes the upload directory, readable by the node's user only, and deletes what an earlier run left in it.
    public init(service: SignalService, directory: URL, keepFinished: Int = 100, batchSize: Int = 1000) throws {
        self.service = service
        self.directory = directory
        self.keepFinished = keepFinished
        self.batchSize = batchSize
        let files = FileManager.default
        try files.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for name in try files.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".upload") {
            try? files.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// A new, empty file for an upload to be written into, with the job id it will run under.
    public func makeUploadFile() throws -> (id: String, url: URL) {
        let id = String(Secrets.token().prefix(32))
        let url = directory.appendingPathComponent("\(id).upload")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw ImportJobError.cannotCreate(url.path)
        }
        return (id, url)
    }

    /// Deletes an upload that will not be imported (the request failed or was refused).
    public func discard(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    /// The job, if it exists and belongs to `owner`.
    public func job(_ id: String, owner: String) -> Job? {
        jobs.withLock { jobs in jobs[id].flatMap { $0.owner == owner ? $0 : nil } }
    }

    /// The jobs `owner` sent, newest first.
    public func jobs(of owner: String) -> [Job] {
        jobs.withLock { jobs in jobs.values.filter { $0.owner == owner }.sorted { $0.startedAt > $1.startedAt } }
    }

    /// Starts importing an uploaded file in the background, under the current task's audit scope.
    /// - Parameter importID: the import's id for resuming (`sha256:` and the file's digest, as the CLI uses).
    @discardableResult
    public func start(
        id: String, file: URL, fileName: String, format: ImportFormat, dryRun: Bool, importID: String, owner: String
    ) throws -> Job {
        let bytes = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue ?? 0
        var summary = ImportSession.Summary()
        summary.dryRun = dryRun
        let job = Job(id: id, owner: owner, fileName: fileName, format: format, bytes: bytes, summary: summary, startedAt: service.now)
        jobs.withLock { jobs in
            jobs[id] = job
            forgetOldest(in: &jobs)
        }
        let scope = AuditScope.current
        let (service, batchSize) = (self.service, self.batchSize)
        Task.detached {
            await AuditScope.$current.withValue(scope) {
                var outcome = Job.State.finished
                var summary = summary
                do {
                    var session = try ImportSession(service: service, batchSize: batchSize, dryRun: dryRun, importID: dryRun ? nil : importID)
                    defer { summary = session.summary }
                    try await self.read(file, format: format, into: &session, job: id)
                } catch {
                    outcome = .failed("The import stopped: \(error)")
                }
                self.discard(file)
                let now = service.now
                self.jobs.withLock { jobs in
                    jobs[id]?.summary = summary
                    jobs[id]?.state = outcome
                    jobs[id]?.finishedAt = now
                }
            }
        }
        return job
    }

    /// Feeds the file through the session a chunk at a time, recording progress after each.
    private func read(_ file: URL, format: ImportFormat, into session: inout ImportSession, job id: String) async throws {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        let converter = ImportFileConverter(format: format)
        var read = 0
        while true {
            let data = try handle.read(upToCount: 256 * 1024) ?? Data()
            if data.isEmpty { break }
            read += data.count
            try await session.consume(bytes: converter.feed(data))
            let summary = session.summary
            jobs.withLock { jobs in
                jobs[id]?.bytesRead = read
                jobs[id]?.summary = summary
            }
        }
        try await session.consume(bytes: converter.finish())
        _ = try await session.finishLines()
    }

    private func forgetOldest(in jobs: inout [String: Job]) {
        let finished = jobs.values.filter { $0.state != .running }.sorted { $0.startedAt < $1.startedAt }
        for job in finished.prefix(max(0, finished.count - keepFinished)) { jobs[job.id] = nil }
    }
}

/// A failure to keep an upload.
public struct ImportJobError: Error, CustomStringConvertible {
    private enum Reason {
        case cannotCreate(String)
    }

    private let reason: Reason

    static func cannotCreate(_ path: String) -> ImportJobError { ImportJobError(reason: .cannotCreate(path)) }

    public var description: String {
        switch reason {
        case .cannotCreate(let path): "The node could not create the upload file \(path)."
        }
    }
}
