import Foundation
import Hummingbird
import LanternCore
import LanternServer

/// The audit log for auditors and admins: every record newest first, filtered by who, what and when, with keyset
/// paging back to the first, and the result of checking the hash chain.
struct AuditPages: Sendable {
    let accounts: AccountService
    let pages: PageRenderer

    static let pageSize = 100

    func register(on group: RouterGroup<UIRequestContext>) {
        group.get("audit", use: list)
        group.post("audit/verify", use: verify)
    }

    static func requireReader(_ context: UIRequestContext) throws -> ActiveSession {
        try context.requireUser(\.mayReadAudit, refusal: "does not read the audit log; auditors and admins do.")
    }

    /// The filters of the query string, each checked; a day from a date picker is its start (`until`: its end).
    static func filter(_ parameters: [String: String]) throws -> (AuditFilter, errors: [String: String]) {
        var filter = AuditFilter()
        var errors: [String: String] = [:]
        if let actor = parameters["actor"], !actor.isEmpty { filter.actor = actor }
        if let text = parameters["action"], !text.isEmpty {
            if let action = AuditAction(rawValue: text) { filter.action = action } else { errors["action"] = "'\(text)' is not an audit action." }
        }
        for key in ["from", "until"] {
            guard let text = parameters[key], !text.isEmpty else { continue }
            guard let date = Timestamp.parse(SignalForm.timestamp(text)) else {
                errors[key] = "'\(text)' is not a date: write 2026-12-01 or 2026-12-01T09:30:00Z."
                continue
            }
            // A bare day as `until` takes in the whole of that day.
            let end = key == "until" && text.count == 10 ? date.addingTimeInterval(86_400) : date
            if key == "from" { filter.from = date } else { filter.until = end }
        }
        return (filter, errors)
    }

    @Sendable func list(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try Self.requireReader(context)
        let parameters = SignalPages.parameters(request)
        var filters = parameters
        filters.removeValue(forKey: "before")
        let (filter, errors) = try Self.filter(parameters)
        let before = parameters["before"].flatMap { Int64($0) }
        var values: [String: Any] = [
            "nav_audit": true, "filter": parameters.mapValues { $0 as Any },
            "actions": SignalPages.options(AuditAction.allCases.map(\.rawValue), selected: parameters["action"]),
            "paged": before != nil, "first_page": SignalPages.link("/ui/audit", filters),
        ]
        for (key, message) in errors { values["\(key)_error"] = message }
        var status = HTTPResponse.Status.ok
        if errors.isEmpty {
            let records = try accounts.auditPage(filter, before: before, limit: Self.pageSize, reader: session.user, address: context.remoteAddress)
            values["rows"] = records.map(Self.row)
            if records.count == Self.pageSize, let last = records.last {
                values["next"] = SignalPages.link("/ui/audit", filters.merging(["before": String(last.seq)]) { $1 })
            }
        } else {
            status = .badRequest
        }
        let check = try accounts.lastAuditVerification ?? accounts.verifyAudit()
        values["verification"] = Self.verification(check.result, at: check.at)
        return pages.page("audit", title: "Audit log", context: context, values: values, status: status)
    }

    static func row(_ record: AuditRecord) -> [String: Any] {
        let entry = record.entry
        return [
            "seq": record.seq, "when": Timestamp.format(record.at), "actor": entry.actor.description, "kind": entry.actor.kind,
            "address": entry.address, "action": entry.action.rawValue, "refused": !entry.succeeded,
            "targets": entry.targets.prefix(6).joined(separator: ", ") + (entry.targets.count > 6 ? " and \(entry.targets.count - 6) more" : ""),
            "detail": entry.detail.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "),
        ]
    }

    static func verification(_ result: AuditVerification, at: Date) -> [String: Any] {
        var values: [String: Any] = [
            "intact": result.isIntact, "records": result.records, "head": Hex.encode(result.headHash), "when": PageRenderer.minute(at),
        ]
        values["problem"] = result.problem.map { "Record \($0.seq): \($0.reason)" }
        return values
    }

    struct VerifyForm: Decodable {
        var csrf: String?
    }

    /// Checks the whole chain now.
    @Sendable func verify(_ request: Request, context: UIRequestContext) async throws -> Response {
        _ = try Self.requireReader(context)
        var request = request
        let form = try await request.form(VerifyForm.self, context: context)
        try context.checkCSRF(form.csrf)
        _ = try accounts.verifyAudit()
        return Response(status: .seeOther, headers: [.location: "/ui/audit"])
    }
}
