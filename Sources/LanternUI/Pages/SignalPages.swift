import Foundation
import Hummingbird
import LanternCore
import LanternServer
import LanternStore
import NIOCore

/// The signals: search with the API's filters and keyset paging, export of a result set, and a detail page.
struct SignalPages: Sendable {
    let signals: SignalService
    let pages: PageRenderer

    static let pageSize = 50

    func register(on group: RouterGroup<UIRequestContext>) {
        group.get("signals", use: list)
        group.get("signals/export", use: export)
        group.get("signals/:id", use: show)
    }

    /// The query string's parameters, the first of each name; a day from a date picker becomes its start.
    static func parameters(_ request: Request, dropping: Set<String> = []) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where !dropping.contains(String(key)) && values[String(key)] == nil {
            values[String(key)] = String(value)
        }
        return values
    }

    /// The filters as the API reads them.
    static func query(_ parameters: [String: String], limit: Int) throws -> SignalQuery {
        var form = parameters
        for key in ["created_since", "created_before"] { form[key] = form[key].map(SignalForm.timestamp) }
        var query = try SignalQueryParser.parse(form: form)
        if form["limit"] == nil { query.limit = limit }
        return query
    }

    /// A link to `path` with these parameters, each value percent-encoded.
    static func link(_ path: String, _ parameters: [String: String]) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let pairs = parameters.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { key, value in
            key + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    @Sendable func list(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try context.requireUser()
        let parameters = Self.parameters(request, dropping: ["done"])
        var filters = parameters
        filters.removeValue(forKey: "cursor")
        var values: [String: Any] = [
            "nav_signals": true, "may_change": session.user.role.mayChangeSignals,
            "filter": parameters.mapValues { $0 as Any },
            "types": Self.options(SignalType.allCases.map(\.rawValue), selected: parameters["type"]),
            "severities": Self.options(Severity.allCases.map(\.rawValue), selected: parameters["severity"]?.uppercased()),
            "statuses": Self.options(ReviewStatus.allCases.map(\.rawValue), selected: parameters["review_status"]?.uppercased()),
            "export_jsonl": Self.link("/ui/signals/export", filters.merging(["format": "jsonl"]) { $1 }),
            "export_csv": Self.link("/ui/signals/export", filters.merging(["format": "csv"]) { $1 }),
            "paged": parameters["cursor"] != nil, "first_page": Self.link("/ui/signals", filters),
            "this_page": Self.link("/ui/signals", parameters),
            "reasons": SignalFormPages.removalReasons.map(\.rawValue),
        ]
        if let done = request.uri.queryParameters["done"], let notice = Self.notices[String(done)] {
            values["notice"] = notice
        }
        var status = HTTPResponse.Status.ok
        do {
            let page = try signals.search(try Self.query(parameters, limit: Self.pageSize))
            values["rows"] = page.signals.map { SignalView.row($0.signal, local: signals.participant) }
            values["count"] = page.signals.count
            if let next = page.nextCursor {
                values["next"] = Self.link("/ui/signals", filters.merging(["cursor": next.rawValue]) { $1 })
            }
        } catch let error as APIError {
            values["\(error.field ?? "filter")_error"] = error.message
            values["filter_error"] = "The search could not run: \(error.message)"
            status = .badRequest
        }
        return pages.page("signals", title: "Signals", context: context, values: values, status: status)
    }

    static let notices = [
        "removed": "The signal is removed; only its type and date remain, and every copy will be removed.",
        "bulk": "The selected signals were changed.",
    ]

    static func options(_ names: [String], selected: String?) -> [[String: Any]] {
        names.map { ["name": $0, "selected": $0 == selected] }
    }

    @Sendable func export(_ request: Request, context: UIRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let parameters = Self.parameters(request, dropping: ["format"])
        let formatName = request.uri.queryParameters["format"].map(String.init) ?? "jsonl"
        guard let format = SignalExportFormat(rawValue: formatName) else {
            throw UIFailure.badForm("'\(formatName)' is not an export format: use jsonl or csv.")
        }
        let query: SignalQuery
        do {
            query = try Self.query(parameters.filter { $0.key != "cursor" }, limit: 1000)
        } catch let error as APIError {
            throw UIFailure.badForm("The export could not run: \(error.message)")
        }
        let start = try signals.export(query, format: format)
        let day = Timestamp.format(signals.now).prefix(10)
        let body = ResponseBody { writer in
            var cursor = start
            try await writer.write(ByteBuffer(string: format.header))
            while let page = try cursor.nextPage() {
                var buffer = ByteBuffer()
                for signal in page { buffer.writeString(format.line(for: signal)) }
                try await writer.write(buffer)
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: format.contentType, .contentDisposition: "attachment; filename=\"signals-\(day).\(format.rawValue)\""],
            body: body)
    }

    @Sendable func show(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try context.requireUser()
        let raw = context.parameters.get("id") ?? ""
        guard let id = SignalID(raw) else { throw UIFailure(status: .notFound, heading: "Not found", message: "'\(raw)' is not a signal id.") }
        let (found, reactions, revisions) = try signals.detail(id)
        switch found {
        case .live(let signal):
            let own = signal.origin == signals.participant
            var values = SignalView.detail(signal, local: signals.participant)
            values["nav_signals"] = true
            values["may_edit"] = own && session.user.role.mayChangeSignals
            values["reactions"] = reactions.map { reaction -> [String: Any] in
                [
                    "reactor": reaction.reactor.rawValue, "kinds": reaction.kinds.sorted().map(\.rawValue).joined(separator: ", "),
                    "when": PageRenderer.minute(reaction.reactedAt),
                ]
            }
            if own {
                values["has_history"] = true
                values["history"] = SignalView.history(signal, revisions: revisions)
            }
            values["reasons"] = SignalFormPages.removalReasons.map(\.rawValue)
            if !own && session.user.role.mayChangeSignals {
                let mine = reactions.first { $0.reactor == signals.participant }?.kinds ?? []
                values["may_react"] = true
                values["reaction_choices"] = SignalFormPages.reactionChoices(holding: mine)
            }
            if let done = request.uri.queryParameters["done"], let notice = SignalFormPages.notices[String(done)] { values["notice"] = notice }
            return pages.page("signal", title: "Signal \(signal.type.rawValue)", context: context, values: values)
        case .expired:
            throw UIFailure(status: .gone, heading: "Expired", message: "The signal \(id) reached the end of its retention and is being removed.")
        case .removed(let record):
            throw UIFailure(
                status: .gone, heading: "Removed",
                message: "The signal \(id) (\(record.type.rawValue)) was removed on \(PageRenderer.minute(record.removedAt)), "
                    + "reason \(record.reason.rawValue); its content is purged.")
        case .unknown:
            throw UIFailure(status: .notFound, heading: "Not found", message: "No signal has the id \(id).")
        }
    }
}
