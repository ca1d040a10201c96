import Foundation
import LanternCore
import LanternStore
import LanternWire

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
        /// Lines skipped because an earlier run of the same import committed them.
        public var skipped = 0
    }

    let service: SignalService
    let batchSize: Int
    let maxReportedErrors: Int
    let decoder = JSONDecoder()
    var pending: [Signal] = []
    /// The batch being written while the next one is parsed, so parsing and SQLite use both cores.
    var inFlight: Task<Void, any Error>?
    public private(set) var summary = Summary()

    let importID: String?
    /// Lines up to this one were committed by an earlier run of the same import.
    let resumeAfter: Int

    /// The longest line read, in bytes: a longer one is refused without being held.
    let maxLineBytes: Int
    /// The line being gathered by `consume(bytes:)`, its number, and whether it is being skipped for its length.
    var line: [UInt8] = []
    var lineNumber = 1
    var skippingLine = false

    /// The longest line an import accepts by default: the longest value and room for every other field.
    public static let defaultMaxLineBytes = ValueNormalizer.maximumValueBytes + 16_384

    public init(
        service: SignalService, batchSize: Int = 1000, dryRun: Bool = false, importID: String? = nil, maxReportedErrors: Int = 1000,
        maxLineBytes: Int = ImportSession.defaultMaxLineBytes
    ) throws {
        self.service = service
        self.maxLineBytes = maxLineBytes
        self.importID = dryRun ? nil : importID
        self.resumeAfter = try self.importID.map { try service.store.signals.importProgress(id: $0) } ?? 0
        self.batchSize = batchSize
        self.maxReportedErrors = maxReportedErrors
        summary.dryRun = dryRun
        pending.reserveCapacity(batchSize)
    }

    /// Handles one line (without its line break). Blank lines are counted and skipped.
    public mutating func consume(line bytes: some Collection<UInt8>, number: Int) async throws {
        summary.lines = number
        if number <= resumeAfter {
            summary.skipped += 1
            return
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        let fast = bytes.withContiguousStorageIfAvailable { DraftParser.parse($0) } ?? nil
        let draft: SignalDraft
        // The fast parser gives up on a repeated key; such a line is refused, not read one of two ways.
        if fast == nil, let key = JSONRepeatedKeys.first(in: bytes) {
            record(LineError(line: number, field: key, message: "The line gives '\(key)' more than once."))
            return
        }
        do {
            draft = try fast ?? decoder.decode(SignalDraft.self, from: Data(bytes))
        } catch let error as DecodingError {
            let described = JSONBody.describe(error, subject: "The line")
            record(LineError(line: number, field: described.field, message: described.message))
            return
        }
        do {
            pending.append(try service.prepare(draft, now: service.now))
        } catch {
            record(LineError(line: number, field: error.field, message: error.reason))
            return
        }
        if pending.count >= batchSize { try await flush() }
    }

    /// Records a line that could not be read at all (for example, one over the length limit).
    public mutating func reject(line number: Int, message: String) {
        summary.lines = number
        if number <= resumeAfter {
            summary.skipped += 1
            return
        }
        record(LineError(line: number, field: nil, message: message))
    }

    /// Stores what is pending. Call once the stream has ended.
    public mutating func finish() async throws -> Summary {
        try await flush(final: true)
        try await inFlight?.value
        inFlight = nil
        return summary
    }

    /// Hands the pending batch to the writer once the previous batch is committed, so batches commit in order.
    mutating func flush(final: Bool = false) async throws {
        // At the end, progress is recorded even without signals, so trailing rejected lines are not read again.
        let recordsProgress = importID != nil && summary.lines > resumeAfter
        guard !pending.isEmpty || (final && recordsProgress) else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        try await inFlight?.value
        inFlight = nil
        if !summary.dryRun {
            let store = service.store
            let progress = importID.map { ImportProgress(importID: $0, linesCommitted: summary.lines) }
            // A detached task carries no task-locals: the request's audit scope goes with it by hand.
            let scope = AuditScope.current
            inFlight = Task.detached {
                try AuditScope.$current.withValue(scope) { () throws -> [Signal] in
                    try store.signals.addLocal(batch, progress: progress, action: .signalImport)
                }
            }
        }
        summary.created += batch.count
        if !batch.isEmpty { summary.batches += 1 }
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
