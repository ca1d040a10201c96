public import ArgumentParser
import AsyncHTTPClient
import Foundation
import LanternAPI
import LanternClient
import LanternCore
import NIOCore
import NIOHTTP1

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

    @OptionGroup var client: ClientOptions
    @Argument(help: "The file to import.")
    var file: String
    @Option(help: "jsonl or csv (default: from the file's extension).")
    var format: ImportFormat?
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
            guard let handle = FileHandle(forReadingAtPath: file) else { throw ClientError(.failure, "Cannot read \(file).") }
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            let format = self.format ?? ImportFormat.of(fileNamed: file)
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
                if let failure = source.failure { throw ClientError(.failure, "\(failure) The node stored only the batches completed before it.") }
                throw error
            }
            progress.finish()
            if let error = source.failure { throw ClientError(.failure, error) }
            if client.json {
                printJSON(reply.body)
            } else {
                let summary = try reply.decode(ImportSummaryResource.self)
                for error in summary.errors {
                    printError("line \(error.line): \(error.field.map { "\($0): " } ?? "")\(error.message)")
                }
                if summary.errorsTruncated { printError("(more rejected lines were not listed)") }
                if summary.skipped > 0 {
                    print("Resumed: \(summary.skipped) lines were committed by an earlier run of this file (use --restart to import them again).")
                }
                let verb = summary.dryRun ? "would be created (dry run, nothing stored)" : "created"
                print("\(summary.lines) lines: \(summary.created) signals \(verb), \(summary.rejected) rejected.")
            }
            let summary = try reply.decode(ImportSummaryResource.self)
            if summary.rejected > 0 { throw ExitCode(ClientError.Code.partialImport.rawValue) }
        }
    }
}

extension ImportFormat: ExpressibleByArgument {}
