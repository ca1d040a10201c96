import Foundation
import Hummingbird
import LanternCore
import LanternServer

/// Creating, editing and removing this node's own signals. The node validates exactly as the API does; a refusal
/// shows the form again with the message beside the field at fault and nothing stored.
struct SignalFormPages: Sendable {
    let signals: SignalService
    let pages: PageRenderer

    func register(on group: RouterGroup<UIRequestContext>) {
        group.get("signals/new", use: showNew)
        group.post("signals/new", use: create)
        group.get("signals/:id/edit", use: showEdit)
        group.post("signals/:id/edit", use: update)
        group.post("signals/:id/remove", use: remove)
        group.post("signals/:id/react", use: react)
    }

    static let notices = [
        "created": "The signal is stored; it goes to its audience with the next sync.",
        "updated": "The signal is changed; its audience gets the new revision with the next sync.",
        "reacted": "Your reactions are recorded; they reach the signal's origin with the next sync.",
    ]

    /// The reasons a person may give for a removal; `retention_reached` is the sweeper's.
    static let removalReasons = RemovalReason.allCases.filter { $0 != .retentionReached }

    static func removalReason(_ text: String?) throws -> RemovalReason {
        guard let reason = text.flatMap(RemovalReason.init(rawValue:)), removalReasons.contains(reason) else {
            throw UIFailure.badForm("Choose why the signal is removed.")
        }
        return reason
    }

    /// The person, if their role may change signals.
    static func requireChanger(_ context: UIRequestContext) throws -> ActiveSession {
        try context.requireUser(\.mayChangeSignals, refusal: "reads signals but does not change them.")
    }

    func form(
        editing signal: Signal?, fields: [String: String], error: ValidationError? = nil, context: UIRequestContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var values: [String: Any] = fields.mapValues { $0 as Any }
        values["nav_signals"] = true
        values["editing"] = signal != nil
        values["id"] = signal?.id.rawValue
        values["action"] = signal.map { "/ui/signals/\($0.id)/edit" } ?? "/ui/signals/new"
        values["types"] = SignalPages.options(SignalType.allCases.map(\.rawValue), selected: fields["type"])
        values["severities"] = SignalPages.options(Severity.allCases.map(\.rawValue), selected: fields["severity"] ?? "SUSPICIOUS")
        values["statuses"] = SignalPages.options(ReviewStatus.allCases.map(\.rawValue), selected: fields["review_status"] ?? "UNREVIEWED")
        values["path_prefix_checked"] = fields["path_prefix"] == "on"
        if let error {
            values["\(SignalForm.fieldName(error.field))_error"] = error.reason
            values["error"] = "Nothing was stored: \(error.field): \(error.reason)"
        }
        let title = signal == nil ? "New signal" : "Edit signal"
        return pages.page("signal_form", title: title, context: context, values: values, status: status)
    }

    @Sendable func showNew(_ request: Request, context: UIRequestContext) async throws -> Response {
        _ = try Self.requireChanger(context)
        return form(editing: nil, fields: ["audience": "all"], context: context)
    }

    @Sendable func create(_ request: Request, context: UIRequestContext) async throws -> Response {
        _ = try Self.requireChanger(context)
        var request = request
        let submitted = try await request.form(SignalForm.self, context: context)
        try context.checkCSRF(submitted.csrf)
        do {
            let signal = try signals.create(try submitted.draft())
            throw UIRedirect(to: "/ui/signals/\(signal.id)?done=created")
        } catch let error as ValidationError {
            return form(editing: nil, fields: submitted.fields, error: error, context: context, status: .unprocessableContent)
        }
    }

    /// One of this node's live signals, for a form; the pages never offer to edit another participant's.
    func ownSignal(_ context: UIRequestContext) throws -> Signal {
        let raw = context.parameters.get("id") ?? ""
        guard let id = SignalID(raw), let signal = try signals.heldSignal(id), signal.expiresAt > signals.now else {
            throw UIFailure(status: .notFound, heading: "Not found", message: "No live signal has the id '\(raw)'.")
        }
        guard signal.origin == signals.participant else {
            throw UIFailure.forbidden("Only \(signal.origin), which shared this signal, may change or remove it.")
        }
        return signal
    }

    @Sendable func showEdit(_ request: Request, context: UIRequestContext) async throws -> Response {
        _ = try Self.requireChanger(context)
        let signal = try ownSignal(context)
        return form(editing: signal, fields: SignalView.formValues(signal), context: context)
    }

    @Sendable func update(_ request: Request, context: UIRequestContext) async throws -> Response {
        _ = try Self.requireChanger(context)
        var request = request
        let submitted = try await request.form(SignalForm.self, context: context)
        try context.checkCSRF(submitted.csrf)
        let signal = try ownSignal(context)
        do {
            let patch = try submitted.draft(changedFrom: SignalView.formValues(signal))
            guard patch != SignalDraft() else { throw UIRedirect(to: "/ui/signals/\(signal.id)") }
            _ = try signals.update(signal.id, with: patch)
            throw UIRedirect(to: "/ui/signals/\(signal.id)?done=updated")
        } catch let error as ValidationError {
            var fields = submitted.fields
            fields["type"] = signal.type.rawValue
            return form(editing: signal, fields: fields, error: error, context: context, status: .unprocessableContent)
        }
    }

    struct RemoveForm: Decodable {
        var csrf: String?
        var reason: String?
    }

    @Sendable func remove(_ request: Request, context: UIRequestContext) async throws -> Response {
        _ = try Self.requireChanger(context)
        var request = request
        let submitted = try await request.form(RemoveForm.self, context: context)
        try context.checkCSRF(submitted.csrf)
        let signal = try ownSignal(context)
        let reason = try Self.removalReason(submitted.reason)
        do {
            _ = try signals.remove(signal.id, reason: reason)
        } catch let error as SignalNotFound {
            throw UIFailure(status: .gone, heading: "Removed", message: error.description)
        }
        throw UIRedirect(to: "/ui/signals?done=removed")
    }
}
