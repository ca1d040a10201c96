import Foundation
import Hummingbird
import LanternAPI
import LanternCore
import LanternStore

/// `/v1/review`: the human review queue. Every match of a received signal waits here for an investigator to claim
/// and decide; nothing is actioned automatically. Deciding is people's work: investigator and admin tokens only.
struct ReviewRoutes {
    let service: SignalService

    func register(on group: RouterGroup<APIRequestContext>) {
        group.get("review/items", use: list)
        group.get("review/items/:item", use: show)
        group.post("review/items/:item/claim", use: claim)
        group.post("review/items/:item/release", use: release)
        group.post("review/items/:item/decision", use: decide)
        group.get("review/flags", use: flags)
        group.post("review/flags/:id/decision", use: decideFlag)
        group.get("review/outcomes", use: outcomes)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.reviewers)
        let query = try QueryReader(request, known: ["status", "signal", "after", "limit"])
        var statuses: Set<ReviewItemStatus> = [.open, .claimed, .needsInfo]
        if let text = query.string("status") {
            statuses = []
            let words = text.split(separator: ",", omittingEmptySubsequences: false)
            guard !words.contains(where: \.isEmpty) else {
                throw APIError.badRequest(field: "status", "Give statuses, comma-separated, or all.")
            }
            // `all` anywhere means every status.
            for word in words where !words.contains("all") {
                guard let status = ReviewItemStatus(rawValue: String(word)) else {
                    throw APIError.badRequest(field: "status", "'\(word)' is not a review item status: use one of \(ReviewItemStatus.list), or all.")
                }
                statuses.insert(status)
            }
        }
        let after = try query.integer("after", in: 0...Int64.max, "'after' is a review item id.") ?? 0
        let limit = try query.integer("limit", in: 1...1000, "A limit is 1 to 1000.") ?? 100
        let signal = try query.string("signal").map { text in
            guard let id = SignalID(text) else { throw APIError.badRequest(field: "signal", "'\(text)' is not a signal id.") }
            return id.rawValue
        }
        let items = try service.reviewItems(statuses: statuses, signal: signal, after: after, limit: limit)
        return try Response.json(
            ReviewItemListResource(items: try items.map(resource), nextAfter: items.count == limit ? items.last?.id : nil))
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.reviewers)
        let id = try Self.itemID(context)
        let (record, decisions) = try service.reviewItem(id)
        var item = try resource(record)
        item.decisions = decisions.map(ReviewItemResource.Decision.init)
        return try Response.json(item)
    }

    @Sendable func claim(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.reviewers)
        return try Response.json(resource(service.claimReviewItem(Self.itemID(context), by: context.reviewer())))
    }

    @Sendable func release(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.reviewers)
        return try Response.json(resource(service.releaseReviewItem(Self.itemID(context), by: context.reviewer())))
    }

    @Sendable func decide(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.reviewers)
        let id = try Self.itemID(context)
        let body = try await JSONBody.decode(ReviewDecisionBody.self, from: request, context: context)
        guard let decision = ReviewDecision(rawValue: body.decision) else {
            throw ValidationError(field: "decision", reason: "'\(body.decision)' is not a decision: use one of \(ReviewDecision.list).")
        }
        let actions = try ReviewAction.parse(body.actions ?? [])
        let reactions = try Self.reactions(body.reactions)
        return try Response.json(
            resource(
                Self.reacting {
                    try service.decideReviewItem(
                        id, decision: decision, actions: actions, note: body.note, reactions: reactions, by: context.reviewer())
                }))
    }

    @Sendable func flags(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.reviewers)
        var status: FlagStatus? = .flagged
        if let text = try QueryReader(request, known: ["status"]).string("status") {
            if text == "all" {
                status = nil
            } else {
                guard let parsed = FlagStatus(rawValue: text) else {
                    let names = FlagStatus.allCases.map(\.rawValue).joined(separator: ", ")
                    throw APIError.badRequest(field: "status", "'\(text)' is not a flag status: use one of \(names), or all.")
                }
                status = parsed
            }
        }
        return try Response.json(FlagListResource(flags: try service.signalFlags(status: status).map(FlagResource.init)))
    }

    @Sendable func decideFlag(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.reviewers)
        let id = try SignalRoutes.signalID(context)
        let body = try await JSONBody.decode(FlagDecisionBody.self, from: request, context: context)
        guard let decision = FlagDecision(rawValue: body.decision) else {
            throw ValidationError(field: "decision", reason: "'\(body.decision)' is not a flag decision: use one of \(FlagDecision.list).")
        }
        let reactions = try Self.reactions(body.reactions)
        return try Response.json(
            FlagResource(Self.reacting { try service.decideSignalFlag(id, decision: decision, reactions: reactions, by: context.reviewer()) }))
    }

    /// The reactions a decision names, if it names any (nil: the decision's default).
    static func reactions(_ words: [String]?) throws(ValidationError) -> Set<ReactionKind>? {
        guard let words else { return nil }
        return try ReactionKind.parse(words)
    }

    /// Runs a decision, answering 403 on `reactions` when this node may not react to the signal.
    static func reacting<T>(_ decide: () throws -> T) throws -> T {
        do { return try decide() } catch let error as PolicyError {
            throw APIError(.forbidden, code: "forbidden", field: "reactions", message: error.description)
        }
    }

    @Sendable func outcomes(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readers)
        return try Response.json(service.reviewOutcomes())
    }

    /// The item with its signal, while the signal is live here.
    func resource(_ item: ReviewItemRecord) throws -> ReviewItemResource {
        let signal = try SignalID(item.signalID).flatMap { try service.heldSignal($0) }.map(SignalResource.init)
        return ReviewItemResource(item, signal: signal)
    }

    static func itemID(_ context: APIRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("item"), let id = Int64(text), id > 0 else {
            throw APIError.badRequest(field: "item", "A review item id is a positive whole number.")
        }
        return id
    }
}

extension APIRequestContext {
    /// The reviewer this request acts as: its token.
    func reviewer() throws -> Reviewer {
        guard let token else { throw APIError.unauthorized }
        return Reviewer(id: token.id, name: token.name, isAdmin: token.role == .admin)
    }
}
