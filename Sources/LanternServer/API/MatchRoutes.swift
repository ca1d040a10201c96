import Foundation
import Hummingbird
import LanternCore
import LanternMatch

/// `POST /v1/match`: checks a batch of the company's own items (hashes, URLs, account identifiers, texts) against
/// every signal the node holds. Each item gets its matches, or its own error; nothing is actioned.
struct MatchRoutes {
    let matches: MatchService
    let maxItems: Int

    struct Item: Decodable {
        var type: String
        var value: String
        var ref: String?
        var mediaKind: String?
        var platform: String?
        var provider: String?
        var language: String?
        var quality: Int?
        var threshold: Int?

        enum CodingKeys: String, CodingKey {
            case type, value, ref, platform, provider, language, quality, threshold
            case mediaKind = "media_kind"
        }
    }

    struct Body: Decodable {
        var items: [Item]
    }

    struct Reason: Encodable {
        var kind: String
        var distance: Int?
        var domain: String?
        var path: String?
        var start: Int?
        var end: Int?

        init(_ reason: MatchReason) {
            switch reason {
            case .exact: kind = "exact"
            case .pdq(let distance): (kind, self.distance) = ("pdq", distance)
            case .domain(let domain): (kind, self.domain) = ("domain", domain)
            case .pathPrefix(let path): (kind, self.path) = ("path_prefix", path)
            case .keyword(let start, let end): (kind, self.start, self.end) = ("keyword", start, end)
            }
        }
    }

    struct Match: Encodable {
        var signal: SignalResource
        var reason: Reason
    }

    struct ItemError: Encodable {
        var field: String
        var message: String
    }

    struct Result: Encodable {
        var ref: String?
        var matches: [Match]?
        var error: ItemError?
    }

    struct Answer: Encodable {
        var results: [Result]
    }

    func register(on group: RouterGroup<APIRequestContext>) {
        group.post("match", use: match)
    }

    @Sendable func match(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readers)
        let body = try await JSONBody.decode(Body.self, from: request, context: context)
        guard !body.items.isEmpty else { throw APIError.badRequest(field: "items", "Give at least one item to match.") }
        guard body.items.count <= maxItems else {
            throw APIError(
                .contentTooLarge, code: "batch_too_large", field: "items",
                message: "A match request holds at most \(maxItems) items; this one has \(body.items.count).")
        }
        var items: [MatchItem?] = []
        var errors: [Int: ItemError] = [:]
        for (index, item) in body.items.enumerated() {
            do { items.append(try Self.item(item)) } catch {
                errors[index] = ItemError(field: "items[\(index)].\(error.field)", message: error.reason)
                items.append(nil)
            }
        }
        let found = try matches.match(items.compactMap { $0 })
        var next = found.makeIterator()
        var results: [Result] = []
        for (index, item) in body.items.enumerated() {
            if let error = errors[index] {
                results.append(Result(ref: item.ref, error: error))
                continue
            }
            switch next.next() {
            case .success(let matched):
                results.append(Result(ref: item.ref, matches: matched.map { Match(signal: SignalResource($0.signal), reason: Reason($0.reason)) }))
            case .failure(let error):
                results.append(Result(ref: item.ref, error: ItemError(field: "items[\(index)].\(error.field)", message: error.reason)))
            case nil:
                break
            }
        }
        return try Response.json(Answer(results: results))
    }

    /// Reads one item's type and attributes; the matcher checks its value.
    static func item(_ item: Item) throws(ValidationError) -> MatchItem {
        let kind: MatchItem.Kind
        if item.type == "text" {
            kind = .text
        } else if let type = SignalType(rawValue: item.type) {
            kind = .value(type)
        } else {
            throw ValidationError(field: "type", reason: "'\(item.type)' is not a type: one of \(SignalType.namesList), or text.")
        }
        var attributes = SignalAttributes()
        if let mediaKind = item.mediaKind {
            guard let parsed = MediaKind(rawValue: mediaKind) else {
                throw ValidationError(field: "media_kind", reason: "'\(mediaKind)' is not a media kind.")
            }
            attributes.mediaKind = parsed
        }
        attributes.platform = item.platform?.lowercased()
        attributes.provider = item.provider?.lowercased()
        attributes.language = item.language
        attributes.quality = item.quality
        return MatchItem(kind: kind, value: item.value, attributes: attributes, threshold: item.threshold)
    }
}
