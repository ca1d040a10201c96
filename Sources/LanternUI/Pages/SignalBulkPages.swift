import Foundation
import Hummingbird
import LanternCore
import LanternServer

/// One change applied to the signals selected on a page of results: remove them, change their audience, or react
/// to them. Each signal is its own transaction, as through the API; the answer lists what happened to each.
struct SignalBulkPages: Sendable {
    let signals: SignalService
    let pages: PageRenderer

    /// At most a page of results at once.
    static let maxSelected = SignalPages.pageSize

    func register(on group: RouterGroup<UIRequestContext>) {
        group.post("signals/bulk", use: apply)
    }

    struct BulkForm: Decodable {
        var csrf: String?
        var ids: [String]?
        var action: String?
        var reason: String?
        var audience: String?
        var reactions: String?
        var back: String?
    }

    @Sendable func apply(_ request: Request, context: UIRequestContext) async throws -> Response {
        _ = try SignalFormPages.requireChanger(context)
        var request = request
        let form = try await request.form(BulkForm.self, context: context)
        try context.checkCSRF(form.csrf)
        let ids = form.ids ?? []
        guard !ids.isEmpty else { throw UIFailure.badForm("Select at least one signal.") }
        guard ids.count <= Self.maxSelected else { throw UIFailure.badForm("Select at most \(Self.maxSelected) signals at once.") }
        let change = try Self.change(form)
        var outcomes: [[String: Any]] = []
        for raw in ids {
            guard let id = SignalID(raw) else {
                outcomes.append(["id": raw, "done": false, "message": "This is not a signal id."])
                continue
            }
            do {
                try apply(change, to: id)
                outcomes.append(["id": raw, "done": true, "message": change.done])
            } catch let error as ValidationError {
                outcomes.append(["id": raw, "done": false, "message": error.reason])
            } catch let error as SignalNotFound {
                outcomes.append(["id": raw, "done": false, "message": error.description])
            } catch let error as PolicyError {
                outcomes.append(["id": raw, "done": false, "message": error.description])
            }
        }
        let done = outcomes.filter { $0["done"] as? Bool == true }.count
        // Back to the results the selection came from, and only to a page of results.
        let back = form.back.flatMap { $0.hasPrefix("/ui/signals") && !$0.contains("//") ? $0 : nil } ?? "/ui/signals"
        return pages.page(
            "bulk", title: "Selected signals", context: context,
            values: [
                "nav_signals": true, "outcomes": outcomes, "done": done, "refused": outcomes.count - done, "action": change.name, "back": back,
            ])
    }

    enum Change {
        case remove(RemovalReason)
        case audience(String)
        case react([String])

        var name: String {
            switch self {
            case .remove: "Remove"
            case .audience: "Change the audience"
            case .react: "React"
            }
        }

        var done: String {
            switch self {
            case .remove(let reason): "Removed (\(reason.rawValue))."
            case .audience(let audience): "Audience is now \(audience)."
            case .react(let words): words.isEmpty ? "Reactions withdrawn." : "Reacted \(words.joined(separator: ", "))."
            }
        }
    }

    static func change(_ form: BulkForm) throws -> Change {
        switch form.action {
        case "remove":
            return .remove(try SignalFormPages.removalReason(form.reason))
        case "audience":
            let audience = (form.audience ?? "").trimmingCharacters(in: .whitespaces)
            guard !audience.isEmpty else { throw UIFailure.badForm("Write the new audience: all, financial, or participant ids.") }
            return .audience(audience)
        case "react":
            let words = (form.reactions ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
                .filter { !$0.isEmpty }
            return .react(words)
        default:
            throw UIFailure.badForm("Choose what to do with the selected signals.")
        }
    }

    func apply(_ change: Change, to id: SignalID) throws {
        switch change {
        case .remove(let reason):
            _ = try signals.remove(id, reason: reason)
        case .audience(let audience):
            // The update refuses another participant's signal, as it does through the API.
            var patch = SignalDraft()
            patch.audience = AudienceText(audience)
            _ = try signals.update(id, with: patch)
        case .react(let words):
            _ = try signals.react(to: id, with: words)
        }
    }
}
