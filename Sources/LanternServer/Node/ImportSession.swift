import Foundation
import LanternCore

/// Imports a stream of JSON lines: each line is validated on its own, valid ones are stored in batches of
/// `batchSize`, each batch in one transaction, and bad lines are reported by number while the rest goes on.
public struct ImportSession {
    public struct LineError: Sendable, Equatable {
        public var line: Int
        public var field: String?
        public var message: String
    }

    public struct Summary: Sendable, Equatable {
        public var lines = 0
        public var created = 0
        public var rejected = 0
        public var batches = 0
        public var errors: [LineError] = []
        public var errorsTruncated = false
        public var dryRun = false
    }

    let service: SignalService
    let batchSize: Int
    let maxReportedErrors: Int
    let decoder = JSONDecoder()
    var pending: [Signal] = []
    public private(set) var summary = Summary()

    public init(service: SignalService, batchSize: Int = 1000, dryRun: Bool = false, maxReportedErrors: Int = 1000) {
        self.service = service
        self.batchSize = batchSize
        self.maxReportedErrors = maxReportedErrors
        summary.dryRun = dryRun
        pending.reserveCapacity(batchSize)
    }

    /// Handles one line (without its line break). Blank lines are counted and skipped.
    public mutating func consume(line bytes: some Collection<UInt8>, number: Int) throws {
        summary.lines = number
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        let draft: SignalDraft
        do {
            draft = try decoder.decode(SignalDraft.self, from: Data(bytes))
        } catch let error as DecodingError {
            let described = JSONBody.describe(error)
            record(LineError(line: number, field: described.field, message: described.message))
            return
        }
        do {
            pending.append(try service.prepare(draft, now: service.now))
        } catch {
            record(LineError(line: number, field: error.field, message: error.reason))
            return
        }
        if pending.count >= batchSize { try flush() }
    }

    /// Records a line that could not be read at all (for example, one over the length limit).
    public mutating func reject(line number: Int, message: String) {
        summary.lines = number
        record(LineError(line: number, field: nil, message: message))
    }

    /// Stores what is pending. Call once the stream has ended.
    public mutating func finish() throws -> Summary {
        try flush()
        return summary
    }

    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        if !summary.dryRun { try service.store.addLocalSignals(pending) }
        summary.created += pending.count
        summary.batches += 1
        pending.removeAll(keepingCapacity: true)
    }

    mutating func record(_ error: LineError) {
        summary.rejected += 1
        if summary.errors.count < maxReportedErrors {
            summary.errors.append(error)
        } else {
            summary.errorsTruncated = true
        }
    }
}
