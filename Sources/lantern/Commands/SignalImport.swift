import ArgumentParser
import AsyncHTTPClient
import Crypto
import Foundation
import LanternCore
import NIOCore

struct SignalImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import signals from a JSONL or CSV file, streamed to the node in atomic batches.",
        discussion: """
            Each line (or CSV row) is validated on its own: bad lines are reported with their line numbers and the \
            rest goes on. Valid lines are stored in batches, each in one transaction, so an interruption leaves whole \
            batches only. CSV files have a header row naming the JSON fields; tags and related ids are separated by \
            '|', and transaction details go in transaction.date, transaction.amount, transaction.currency and \
            transaction.provider columns.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, csv
    }

    @OptionGroup var client: ClientOptions
    @Argument(help: "The file to import.")
    var file: String
    @Option(help: "jsonl or csv (default: from the file's extension).")
    var format: Format?
    @Flag(help: "Validate every line and report, but store nothing.")
    var dryRun = false
    @Option(help: "Signals per transaction, 1 to 10000.")
    var batchSize: Int = 1000
    @Flag(help: "Never show a progress bar.")
    var noProgress = false
    @Flag(help: "Import the file again from its first line, even if an earlier run committed some or all of it.")
    var restart = false

    func run() async throws {
        try await exitOnFailure {
            guard let handle = FileHandle(forReadingAtPath: file) else { throw CLIError(.failure, "Cannot read \(file).") }
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            let format = self.format ?? (file.lowercased().hasSuffix(".csv") ? .csv : .jsonl)
            let progress = ProgressBar(total: size, enabled: !noProgress && !client.json && isatty(STDERR_FILENO) == 1)
            let source = ImportSource(handle: handle, format: format, progress: progress)
            // A file that cannot be read to its end fails the upload, so the node stores no partial last batch.
            let body = HTTPClientRequest.Body.stream(AsyncThrowingStream(unfolding: { try source.nextOrFail() }), length: .unknown)
            // The node records how far this file got, keyed by its digest, so a rerun resumes after the last
            // committed line; --restart keys it afresh.
            let importID = restart ? "restart-\(UUID().uuidString)" : try FileDigest.sha256(path: file)
            let path = "/v1/signals/import?batch_size=\(batchSize)&import_id=\(importID)\(dryRun ? "&dry_run=true" : "")"
            let reply: APIClient.Reply
            do {
                reply = try await client.client().send(.POST, path, stream: body, timeout: .hours(12))
            } catch {
                if let failure = source.failure { throw CLIError(.failure, "\(failure) The node stored only the batches completed before it.") }
                throw error
            }
            progress.finish()
            if let error = source.failure { throw CLIError(.failure, error) }
            if client.json {
                printJSON(reply.body)
            } else {
                let summary = try reply.decode(Summary.self)
                for error in summary.errors {
                    printError("line \(error.line): \(error.field.map { "\($0): " } ?? "")\(error.message)")
                }
                if summary.errors_truncated { printError("(more rejected lines were not listed)") }
                if summary.skipped > 0 {
                    print("Resumed: \(summary.skipped) lines were committed by an earlier run of this file (use --restart to import them again).")
                }
                let verb = summary.dry_run ? "would be created (dry run, nothing stored)" : "created"
                print("\(summary.lines) lines: \(summary.created) signals \(verb), \(summary.rejected) rejected.")
            }
            let summary = try reply.decode(Summary.self)
            if summary.rejected > 0 { throw ExitCode(CLIError.Code.partialImport.rawValue) }
        }
    }

    struct Summary: Decodable {
        struct LineError: Decodable {
            var line: Int
            var field: String?
            var message: String
        }
        var lines: Int
        var created: Int
        var rejected: Int
        var dry_run: Bool
        var errors: [LineError]
        var errors_truncated: Bool
        var skipped: Int
    }
}

/// Reads the import file in chunks, turning CSV into JSON lines on the way, one output line per input line so
/// the node's line numbers are the file's.
final class ImportSource: @unchecked Sendable {
    private let handle: FileHandle
    private let format: SignalImport.Format
    private let progress: ProgressBar
    private var csv: CSVToJSONLines?
    private var done = false
    private var first = true
    private(set) var failure: String?

    init(handle: FileHandle, format: SignalImport.Format, progress: ProgressBar) {
        self.handle = handle
        self.format = format
        self.progress = progress
        if format == .csv { csv = CSVToJSONLines() }
    }

    /// The next chunk, throwing when the file turned out to be unreadable (a CSV file ending inside quotes).
    func nextOrFail() throws -> ByteBuffer? {
        let chunk = next()
        if let failure { throw CLIError(.failure, failure) }
        return chunk
    }

    /// The next chunk to send, or `nil` at the end. Called serially by the HTTP client.
    func next() -> ByteBuffer? {
        while !done {
            var data = handle.readData(ofLength: 256 * 1024)
            progress.advance(by: data.count)
            if first {
                // Spreadsheet exports often start with a UTF-8 byte order mark; it is not part of the first field.
                first = false
                if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
            }
            if data.isEmpty {
                done = true
                if let csv, let tail = finishCSV(csv) { return tail }
                return nil
            }
            guard let csv else { return ByteBuffer(bytes: data) }
            do {
                let out = try csv.feed(data)
                if !out.isEmpty { return ByteBuffer(bytes: out) }
            } catch {
                failure = "\(error)"
                done = true
                return nil
            }
        }
        return nil
    }

    private func finishCSV(_ csv: CSVToJSONLines) -> ByteBuffer? {
        do {
            let out = try csv.finish()
            return out.isEmpty ? nil : ByteBuffer(bytes: out)
        } catch {
            failure = "\(error)"
            return nil
        }
    }
}

/// A one-line progress bar on standard error, redrawn at most ten times a second.
final class ProgressBar: @unchecked Sendable {
    let total: Int
    let enabled: Bool
    private var done = 0
    private var lastDraw = Date.distantPast
    private let start = Date()

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func advance(by count: Int) {
        done += count
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        draw()
    }

    func finish() {
        guard enabled else { return }
        done = total
        draw()
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private func draw() {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let elapsed = max(0.001, Date().timeIntervalSince(start))
        let rate = Double(done) / elapsed / 1_048_576
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = String(format: "\r[%@] %3d%%  %.1f MiB/s", bar, Int(fraction * 100), rate)
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// The SHA-256 of a file, read in chunks.
enum FileDigest {
    static func sha256(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CLIError(.failure, "Cannot read \(path).") }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let data = handle.readData(ofLength: 1 << 20)
            if data.isEmpty { break }
            hasher.update(data: data)
        }
        return "sha256:" + Hex.encode(hasher.finalize())
    }
}
