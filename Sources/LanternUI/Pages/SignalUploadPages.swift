import Foundation
import Hummingbird
import LanternCore
import LanternServer

/// Uploading a JSONL or CSV file of signals: the file is kept in the node's home and imported in the background in
/// atomic batches, and its page follows the import, with every refused line and why.
struct SignalUploadPages: Sendable {
    let imports: ImportJobs
    let pages: PageRenderer
    let settings: UISettings

    func register(on group: RouterGroup<UIRequestContext>) {
        group.get("signals/upload", use: show)
        group.post("signals/upload", use: upload)
        group.get("signals/upload/:job", use: progress)
    }

    @Sendable func show(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try SignalFormPages.requireChanger(context)
        return form(owner: Self.owner(session), context: context)
    }

    func form(owner: String, error: String? = nil, context: UIRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        var values: [String: Any] = ["nav_signals": true, "max_mib": settings.maxUploadBytes / 1_048_576]
        if let error {
            values["error"] = "Nothing was uploaded: \(error)"
            values["file_error"] = error
        }
        let jobs = imports.jobs(of: owner)
        if !jobs.isEmpty { values["jobs"] = jobs.map(Self.row) }
        return pages.page("upload", title: "Upload signals", context: context, values: values, status: status)
    }

    @Sendable func upload(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try SignalFormPages.requireChanger(context)
        let (id, file) = try imports.makeUploadFile()
        do {
            let received = try await UploadReceiver(fileField: "file", maxBytes: settings.maxUploadBytes).receive(request, into: file)
            try context.checkCSRF(received.fields["csrf"])
            guard let name = received.fileName, received.bytes > 0 else {
                imports.discard(file)
                return form(
                    owner: Self.owner(session), error: "Choose a JSONL or CSV file that is not empty.", context: context,
                    status: .badRequest)
            }
            let format = (received.fields["format"]).flatMap(ImportFormat.init(rawValue:)) ?? ImportFormat.of(fileNamed: name)
            let dryRun = received.fields["dry_run"] == "on"
            // The same file sent again resumes after its last committed line, as `lantern signal import` does.
            let importID = received.fields["restart"] == "on" ? "restart-\(UUID().uuidString)" : received.digest
            try imports.start(
                id: id, file: file, fileName: name, format: format, dryRun: dryRun, importID: importID, owner: Self.owner(session))
            throw UIRedirect(to: "/ui/signals/upload/\(id)")
        } catch let redirect as UIRedirect {
            throw redirect
        } catch {
            imports.discard(file)
            throw error
        }
    }

    @Sendable func progress(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try SignalFormPages.requireChanger(context)
        let id = context.parameters.get("job") ?? ""
        guard let job = imports.job(id, owner: Self.owner(session)) else {
            throw UIFailure(status: .notFound, heading: "Not found", message: "You have no upload '\(id)' on this node (since its last start).")
        }
        var values = Self.row(job)
        values["nav_signals"] = true
        if job.state == .running { values["refresh"] = "1" }
        values["errors"] = job.summary.errors.map { error -> [String: Any] in
            ["line": error.line, "field": error.field ?? "", "message": error.message]
        }
        if job.summary.errorsTruncated { values["errors_truncated"] = true }
        return pages.page("upload_job", title: "Upload \(job.fileName)", context: context, values: values)
    }

    /// Uploads belong to the person who sent them.
    static func owner(_ session: ActiveSession) -> String { "user:\(session.user.name.rawValue)" }

    static func row(_ job: ImportJobs.Job) -> [String: Any] {
        let summary = job.summary
        var values: [String: Any] = [
            "id": job.id, "file": job.fileName, "format": job.format.rawValue, "bytes": job.bytes, "bytes_read": job.bytesRead,
            "percent": job.bytes > 0 ? job.bytesRead * 100 / job.bytes : 100, "lines": summary.lines, "created": summary.created,
            "rejected": summary.rejected, "skipped": summary.skipped, "batches": summary.batches,
            "started": PageRenderer.minute(job.startedAt),
        ]
        if summary.dryRun { values["dry_run"] = true }
        switch job.state {
        case .running: values["running"] = true
        case .finished: values["finished"] = true
        case .failed(let message): values["failed"] = message
        }
        if let finished = job.finishedAt { values["finished_at"] = PageRenderer.minute(finished) }
        return values
    }
}
