import Foundation
import Hummingbird
import LanternCore
import LanternServer
import LanternStore

extension ReviewPages {
    /// The signals flagged for matching unusually often: their items are held until a person clears the flag (the
    /// items join the queue) or suppresses the signal (they are never reviewed one by one).
    @Sendable func flags(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try context.requireUser()
        let all = request.uri.queryParameters["status"] == "all"
        let flags = try signals.signalFlags(status: all ? nil : .flagged)
        let rows = flags.map { flag -> [String: Any] in
            [
                "signal": flag.signalID, "type": flag.signalType, "origin": flag.origin, "items": flag.items,
                "flagged": PageRenderer.minute(flag.flaggedAt), "status": flag.status.rawValue, "pending": flag.status == .flagged,
                "decided_by": flag.decidedByName ?? "", "decided": flag.decidedAt.map(PageRenderer.minute) ?? "",
            ]
        }
        var values: [String: Any] = [
            "nav_review": true, "rows": rows, "all": all, "may_decide": session.user.role.mayChangeSignals,
        ]
        if request.uri.queryParameters["done"] == "flag" { values["notice"] = Self.notices["flag"] }
        return pages.page("flags", title: "Flagged signals", context: context, values: values)
    }

    struct FlagForm: Decodable {
        var csrf: String?
        var decision: String?
    }

    /// Clears or suppresses a flag, sending the decision's default reaction to the signal's origin.
    @Sendable func decideFlag(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try SignalFormPages.requireChanger(context)
        var request = request
        let form = try await request.form(FlagForm.self, context: context)
        try context.checkCSRF(form.csrf)
        let raw = context.parameters.get("id") ?? ""
        guard let id = SignalID(raw) else { throw UIFailure(status: .notFound, heading: "Not found", message: "'\(raw)' is not a signal id.") }
        guard let decision = form.decision.flatMap(FlagDecision.init(rawValue:)) else {
            throw UIFailure.badForm("Choose whether to clear or suppress the flag.")
        }
        do {
            _ = try signals.decideSignalFlag(id, decision: decision, reactions: nil, by: Self.reviewer(session))
        } catch let error as ReviewError {
            throw UIFailure(status: error.isNotFound ? .notFound : .conflict, heading: "Not decided", message: error.description)
        } catch let error as PolicyError {
            throw UIFailure.forbidden(error.description)
        }
        return Response(status: .seeOther, headers: [.location: "/ui/review/flags?done=flag"])
    }
}
