import Foundation
import Hummingbird
import LanternAPI
import LanternCore
import LanternStore
import Logging

/// `/v1/participants` and `/v1/taxonomy`: what the node knows about the program.
struct AdminRoutes {
    let service: SignalService

    func register(on group: RouterGroup<APIRequestContext>) {
        group.get("participants", use: listParticipants)
        group.put("participants/:id", use: saveParticipant)
        group.get("taxonomy", use: showTaxonomy)
        group.put("taxonomy", use: loadTaxonomy)
    }

    @Sendable func listParticipants(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readers)
        let list = service.validator.directory.sorted.map {
            ParticipantResource(id: $0.id.rawValue, role: $0.role.rawValue, financialPoolOptIn: $0.financialPoolOptIn, name: $0.name)
        }
        return try Response.json(ParticipantListResource(participants: list))
    }

    @Sendable func saveParticipant(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.admins)
        let raw = context.parameters.get("id") ?? ""
        guard let id = ParticipantID(raw) else { throw APIError.badRequest(field: "id", ParticipantID.rule) }
        let body = try await JSONBody.decode(ParticipantBody.self, from: request, context: context)
        guard let role = ParticipantRole(rawValue: body.role) else {
            throw APIError.badRequest(field: "role", "'\(body.role)' is not a role: use 'tech' or 'financial'.")
        }
        if role == .financial, body.financialPoolOptIn == true {
            throw APIError.badRequest(
                field: "financial_pool_opt_in", "Financial institutions receive the financial pool by role; the opt-in is for tech participants.")
        }
        if id == service.participant, role != service.validator.directory[id]?.role {
            throw APIError(.conflict, code: "own_role", field: "role", message: "A node's own role is fixed when it is initialised.")
        }
        let participant = Participant(id: id, role: role, financialPoolOptIn: body.financialPoolOptIn ?? false, name: body.name)
        try service.saveParticipant(participant)
        return try Response.json(
            ParticipantResource(id: id.rawValue, role: role.rawValue, financialPoolOptIn: participant.financialPoolOptIn, name: participant.name))
    }

    @Sendable func showTaxonomy(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readers)
        let taxonomy = service.validator.taxonomy
        struct Body: Encodable {
            var version: String
            var tags: [Taxonomy.Tag]
        }
        return try Response.json(Body(version: taxonomy.version, tags: taxonomy.tags))
    }

    @Sendable func loadTaxonomy(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.admins)
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let json = String(buffer: buffer)
        let added: Bool
        do {
            added = try service.loadTaxonomy(json: json)
        } catch let error as ValueError {
            throw APIError(.unprocessableContent, code: "invalid_taxonomy", message: error.reason)
        } catch let error as TaxonomyConflict {
            throw APIError(.conflict, code: "taxonomy_conflict", field: "version", message: error.description)
        }
        let taxonomy = service.validator.taxonomy
        return try Response.json(
            TaxonomyLoadResultResource(version: taxonomy.version, tags: String(taxonomy.tags.count), loaded: added ? "new" : "already loaded"))
    }
}

/// `/v1/health` and `/v1/ready`, open without a token.
struct HealthRoutes {
    let service: SignalService

    func register(on group: RouterGroup<APIRequestContext>) {
        group.get("health") { _, _ in try Response.json(["status": "ok"]) }
        // Open to anyone who reaches the port: it names no participant and no internal detail.
        group.get("ready") { _, context in
            do {
                // The chain builder's backlog: changes peers cannot see yet (0 on a node that is keeping up).
                let unpublished = try service.unpublishedChanges()
                return try Response.json(["status": "ready", "unpublished": "\(unpublished)"])
            } catch {
                context.logger.error("The readiness check could not read the store", metadata: ["error": "\(error)"])
                return try Response.json(["status": "not ready", "reason": "The node cannot read its store."], status: .serviceUnavailable)
            }
        }
    }
}
