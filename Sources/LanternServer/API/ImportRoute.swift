import Foundation
import Hummingbird
import LanternAPI
import LanternCore

/// `POST /v1/signals/import`: a streamed body of JSON lines, stored in atomic batches.
struct ImportRoute {
    let service: SignalService
    /// The longest line accepted, in bytes.
    let maxLineBytes: Int

    func register(on group: RouterGroup<APIRequestContext>) {
        group.post("signals/import", use: handle)
    }

    @Sendable func handle(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.writers)
        let query = try QueryReader(request, known: ["dry_run", "batch_size", "import_id"])
        let dryRun = try query.bool("dry_run") ?? false
        let batchSize = try query.integer("batch_size", in: 1...10_000, "A batch size is 1 to 10000.") ?? 1000
        var importID: String?
        if let text = query.string("import_id") {
            guard (1...128).contains(text.utf8.count),
                text.utf8.allSatisfy({
                    ($0 >= 0x30 && $0 <= 0x3A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F
                })
            else {
                throw APIError.badRequest(field: "import_id", "An import id is 1 to 128 letters, digits, '-', '.', '_' or ':'.")
            }
            importID = text
        }
        var session = try ImportSession(
            service: service, batchSize: batchSize, dryRun: dryRun, importID: importID, maxLineBytes: maxLineBytes)
        for try await chunk in request.body {
            try await session.consume(bytes: chunk.readableBytesView)
        }
        let summary = try await session.finishLines()
        return try Response.json(
            ImportSummaryResource(
                lines: summary.lines, created: summary.created, rejected: summary.rejected, batches: summary.batches,
                dryRun: summary.dryRun,
                errors: summary.errors.map { LineErrorResource(line: $0.line, field: $0.field, message: $0.message) },
                errorsTruncated: summary.errorsTruncated, skipped: summary.skipped))
    }
}
