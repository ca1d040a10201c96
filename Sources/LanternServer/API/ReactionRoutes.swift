import Foundation
import Hummingbird
import LanternAPI
import LanternCore

/// `/v1/signals/{id}/reactions`: a consumer's feedback on a signal it received, and, for the origin, what every
/// consumer said about its signals.
struct ReactionRoutes {
    let service: SignalService

    func register(on group: RouterGroup<APIRequestContext>) {
        group.put("signals/:id/reactions", use: react)
        group.get("signals/:id/reactions", use: list)
    }

    @Sendable func react(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.writers)
        let id = try SignalRoutes.signalID(context)
        let body = try await JSONBody.decode(ReactionInputBody.self, from: request, context: context)
        do {
            return try Response.json(ReactionResource(try service.react(to: id, with: body.reactions)))
        } catch let error as PolicyError {
            throw APIError(.forbidden, code: "forbidden", field: "id", message: error.description)
        }
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readers)
        let id = try SignalRoutes.signalID(context)
        return try Response.json(ReactionListResource(reactions: try service.reactions(on: id).map(ReactionResource.init)))
    }
}
