import Foundation
import Hummingbird
import LanternCore
import LanternServer
import LanternStore

/// The review queue: every match of a received signal waits here for a person. The list pages by item id with no
/// cap; an item's page puts the item and its signal side by side with why they matched, and claims, releases and
/// decides it. Nothing is actioned automatically.
struct ReviewPages: Sendable {
    let signals: SignalService
    let pages: PageRenderer

    static let pageSize = 50

    func register(on group: RouterGroup<UIRequestContext>) {
        group.get("review", use: list)
        group.get("review/flags", use: flags)
        group.post("review/flags/:id", use: decideFlag)
        group.get("review/:item", use: show)
        group.post("review/:item/claim", use: claim)
        group.post("review/:item/release", use: release)
        group.post("review/:item/decide", use: decide)
    }

    /// The statuses a list shows: those still waiting for a person by default, one status, or all.
    static func statuses(_ text: String?) throws -> Set<ReviewItemStatus> {
        switch text {
        case nil, "", "pending": return [.open, .claimed, .needsInfo]
        case "all": return []
        case let text?:
            guard let status = ReviewItemStatus(rawValue: text) else {
                throw UIFailure.badForm("'\(text)' is not a review item status: use pending, all, or one of \(ReviewItemStatus.list).")
            }
            return [status]
        }
    }

    @Sendable func list(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try context.requireUser()
        let parameters = SignalPages.parameters(request)
        let status = parameters["status"] ?? "pending"
        let after = try parameters["after"].map { text in
            guard let value = Int64(text), value >= 0 else { throw UIFailure.badForm("'after' is a review item id.") }
            return value
        }
        let items = try signals.reviewItems(statuses: try Self.statuses(status), signal: nil, after: after ?? 0, limit: Self.pageSize)
        let me = Self.reviewer(session)
        var values: [String: Any] = [
            "nav_review": true, "status": status,
            "statuses": SignalPages.options(["pending", "all"] + ReviewItemStatus.allCases.map(\.rawValue), selected: status),
            "rows": items.map { Self.row($0, me: me) }, "paged": after != nil,
            "first_page": SignalPages.link("/ui/review", ["status": status]),
        ]
        if items.count == Self.pageSize, let last = items.last {
            values["next"] = SignalPages.link("/ui/review", ["status": status, "after": String(last.id)])
        }
        if let done = parameters["done"], let notice = Self.notices[done] { values["notice"] = notice }
        return pages.page("review", title: "Review queue", context: context, values: values)
    }

    static let notices = [
        "decided": "The decision is recorded; its reaction goes to the signal's origin with the next sync.",
        "released": "The claim is released; the item waits for someone else.",
        "flag": "The flag is decided.",
    ]

    static func row(_ item: ReviewItemRecord, me: Reviewer) -> [String: Any] {
        [
            "id": item.id, "item_type": item.itemType, "ref": item.ref ?? "", "signal_type": item.signalType, "origin": item.origin,
            "status": item.status.rawValue, "claimed_by": item.claimedByName ?? "", "mine": item.claimedBy == me.id,
            "matches": item.matchCount, "first": PageRenderer.minute(item.firstMatchedAt), "last": PageRenderer.minute(item.lastMatchedAt),
        ]
    }

    /// The person as the review queue knows them: claims are theirs by name, apart from any API token.
    static func reviewer(_ session: ActiveSession) -> Reviewer {
        Reviewer(id: "user:" + session.user.name.rawValue, name: session.user.name.rawValue, isAdmin: session.user.role == .admin)
    }

    static func itemID(_ context: UIRequestContext) throws -> Int64 {
        let raw = context.parameters.get("item") ?? ""
        guard let id = Int64(raw), id > 0 else {
            throw UIFailure(status: .notFound, heading: "Not found", message: "'\(raw)' is not a review item id.")
        }
        return id
    }

    @Sendable func show(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try context.requireUser()
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        return try itemPage(Self.itemID(context), session: session, context: context, notice: notice)
    }

    /// An item's page, with a refusal shown above the forms when an action was refused.
    func itemPage(
        _ id: Int64, session: ActiveSession, context: UIRequestContext, notice: String? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let found: (item: ReviewItemRecord, decisions: [(input: ReviewDecisionInput, by: String, at: Date)])
        do {
            found = try signals.reviewItem(id)
        } catch let error as ReviewError where error.isNotFound {
            throw UIFailure(status: .notFound, heading: "Not found", message: error.description)
        }
        let item = found.item
        let signal = try SignalID(item.signalID).flatMap { try signals.heldSignal($0) }
        let me = Self.reviewer(session)
        let mayAct = session.user.role.mayChangeSignals
        var values = Self.row(item, me: me)
        values["nav_review"] = true
        values["item_value"] = item.itemValue ?? ""
        values["ref"] = item.ref
        values["claimed_by"] = item.claimedByName
        values["signal_id"] = item.signalID
        values["match"] = MatchView.values(
            reason: item.reason, itemType: item.itemType, itemValue: item.itemValue, signalValue: signal?.value.normalized)
        if let signal { values["signal"] = SignalView.detail(signal, local: signals.participant) }
        values["may_claim"] = mayAct && (item.status == .open || item.status == .needsInfo)
        values["may_release"] = mayAct && item.status == .claimed && (item.claimedBy == me.id || me.isAdmin)
        values["may_decide"] = mayAct && item.status.isPending && (item.status != .claimed || item.claimedBy == me.id)
        values["decisions_list"] = ReviewDecision.allCases.map(\.rawValue)
        values["actions_list"] = ReviewAction.allCases.map(\.rawValue)
        values["history"] = found.decisions.map { decision -> [String: Any] in
            [
                "decision": decision.input.decision.rawValue, "by": decision.by, "when": PageRenderer.minute(decision.at),
                "actions": decision.input.actions.sorted().map(\.rawValue).joined(separator: ", "),
                "reactions": decision.input.reactions.sorted().map(\.rawValue).joined(separator: ", "), "note": decision.input.note ?? "",
            ]
        }
        values["notice"] = notice
        values["error"] = error
        return pages.page("review_item", title: "Review item \(id)", context: context, values: values, status: status)
    }

    struct ActionForm: Decodable {
        var csrf: String?
        var decision: String?
        var actions: [String]?
        var note: String?
        var reactions: String?
    }

    /// Runs a change to an item and sends the browser where `body` says; a refusal shows the item again with the
    /// reason.
    func change(
        _ request: Request, context: UIRequestContext, _ body: (Int64, Reviewer, ActionForm) throws -> String
    ) async throws -> Response {
        let session = try SignalFormPages.requireChanger(context)
        var request = request
        let form = try await request.form(ActionForm.self, context: context)
        try context.checkCSRF(form.csrf)
        let id = try Self.itemID(context)
        let target: String
        do {
            target = try body(id, Self.reviewer(session), form)
        } catch let error as ReviewError where !error.isNotFound {
            return try itemPage(id, session: session, context: context, error: error.description, status: error.isConflict ? .conflict : .badRequest)
        } catch let error as ValidationError {
            return try itemPage(id, session: session, context: context, error: "\(error.field): \(error.reason)", status: .badRequest)
        } catch let error as PolicyError {
            return try itemPage(id, session: session, context: context, error: error.description, status: .forbidden)
        }
        return Response(status: .seeOther, headers: [.location: target])
    }

    @Sendable func claim(_ request: Request, context: UIRequestContext) async throws -> Response {
        try await change(request, context: context) { id, me, _ in
            _ = try signals.claimReviewItem(id, by: me)
            return "/ui/review/\(id)"
        }
    }

    @Sendable func release(_ request: Request, context: UIRequestContext) async throws -> Response {
        try await change(request, context: context) { id, me, _ in
            _ = try signals.releaseReviewItem(id, by: me)
            return "/ui/review?done=released"
        }
    }

    @Sendable func decide(_ request: Request, context: UIRequestContext) async throws -> Response {
        try await change(request, context: context) { id, me, form in
            guard let decision = form.decision.flatMap(ReviewDecision.init(rawValue:)) else {
                throw ValidationError(field: "decision", reason: "Choose a decision: \(ReviewDecision.list).")
            }
            let actions = try ReviewAction.parse(form.actions ?? [])
            // An empty box keeps the decision's default reaction; `none` sends none.
            let words = (form.reactions ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
                .filter { !$0.isEmpty }
            let reactions: Set<ReactionKind>? = words.isEmpty ? nil : words == ["NONE"] ? [] : try ReactionKind.parse(words)
            _ = try signals.decideReviewItem(id, decision: decision, actions: actions, note: form.note, reactions: reactions, by: me)
            return "/ui/review?done=decided"
        }
    }
}
