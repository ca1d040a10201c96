import Foundation
import Hummingbird
import LanternAPI
import LanternCore
import LanternStore

/// `/v1/signals`: create, read, list, update and remove.
struct SignalRoutes {
    let service: SignalService
    let maxBatchItems: Int

    func register(on group: RouterGroup<APIRequestContext>) {
        group.post("signals", use: create)
        group.post("signals/batch", use: createBatch)
        group.get("signals", use: list)
        group.get("signals/:id", use: show)
        group.patch("signals/:id", use: update)
        group.delete("signals/:id", use: remove)
    }

    struct BatchBody: Decodable {
        var signals: [EachDecoded<SignalDraft>]
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.writers)
        let draft = try await JSONBody.decode(SignalDraft.self, from: request, context: context)
        let signal = try service.create(draft)
        var response = try Response.json(SignalResource(signal), status: .created)
        response.headers[.location] = "/v1/signals/\(signal.id)"
        return response
    }

    @Sendable func createBatch(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.writers)
        let body = try await JSONBody.decode(BatchBody.self, from: request, context: context)
        guard !body.signals.isEmpty else { throw APIError.badRequest(field: "signals", "A batch holds at least one signal.") }
        guard body.signals.count <= maxBatchItems else {
            throw APIError(
                .contentTooLarge, code: "batch_too_large", field: "signals",
                message: "A batch holds at most \(maxBatchItems) signals; this one has \(body.signals.count). Split it, or use /v1/signals/import.")
        }
        let drafts = body.signals.compactMap { try? $0.result.get() }
        var outcomes = try service.createBatch(drafts).makeIterator()
        var items: [BatchResultResource.Item] = []
        for (index, element) in body.signals.enumerated() {
            switch element.result {
            case .failure(let error):
                // The path inside the draft, as validation reports it: `provider`, not `signals[3].provider`.
                let described = JSONBody.describe(error, depth: 2)
                items.append(.init(index: index, status: "rejected", field: described.field, message: described.message))
            case .success:
                switch outcomes.next() {
                case .created(let signal)?: items.append(.init(index: index, status: "created", id: signal.id.rawValue))
                case .rejected(let error)?: items.append(.init(index: index, status: "rejected", field: error.field, message: error.reason))
                case nil: break
                }
            }
        }
        let created = items.filter { $0.status == "created" }.count
        return try Response.json(BatchResultResource(created: created, rejected: items.count - created, results: items))
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readers)
        let id = try Self.signalID(context)
        switch try service.lookup(id) {
        case .live(let signal): return try Response.json(SignalResource(signal))
        case .expired: throw APIError(.gone, code: "expired", message: "The signal \(id) reached the end of its retention and is being removed.")
        case .removed(let removal): return try Response.json(RemovalResource(removal), status: .gone)
        case .unknown: throw APIError.notFound("No signal has the id \(id).")
        }
    }

    @Sendable func update(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.writers)
        let id = try Self.signalID(context)
        let patch = try await JSONBody.decode(SignalDraft.self, from: request, context: context)
        let signal = try service.update(id, with: patch)
        return try Response.json(SignalResource(signal))
    }

    @Sendable func remove(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.writers)
        let id = try Self.signalID(context)
        guard let reasonText = try QueryReader(request, known: ["reason"]).string("reason") else {
            throw APIError.badRequest(field: "reason", "A removal needs a reason: one of \(Self.reasons).")
        }
        guard let reason = RemovalReason(rawValue: reasonText) else {
            throw APIError.badRequest(field: "reason", "'\(reasonText)' is not a removal reason: use one of \(Self.reasons).")
        }
        return try Response.json(RemovalResource(try service.remove(id, reason: reason)))
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readers)
        let page = try service.search(try SignalQueryParser.parse(QueryReader(request, known: SignalQueryParser.known)))
        return try Response.json(SignalListResource(signals: page.signals.map { SignalResource($0.signal) }, nextCursor: page.nextCursor?.rawValue))
    }

    static let reasons = RemovalReason.allCases.map(\.rawValue).joined(separator: ", ")

    static func signalID(_ context: APIRequestContext) throws -> SignalID {
        let raw = context.parameters.get("id") ?? ""
        guard let id = SignalID(raw) else {
            throw APIError.badRequest(field: "id", "'\(raw)' is not a signal id (26 characters of Crockford base 32).")
        }
        return id
    }
}
