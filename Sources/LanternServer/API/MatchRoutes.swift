import Crypto
import Foundation
import Hummingbird
import LanternAPI
import LanternCore
import LanternMatch
import LanternStore

/// `POST /v1/match`: checks a batch of the company's own items (hashes, URLs, account identifiers, texts) against
/// every signal the node holds. Each item gets its matches, or its own error. Nothing is actioned: every match of
/// a received signal becomes a review item for a person to decide (`/v1/review`).
struct MatchRoutes {
    let matches: MatchService
    let service: SignalService
    let policy: ReviewPolicy
    let maxItems: Int
    static let maxRefLength = 512

    struct Body: Decodable {
        var items: [EachDecoded<MatchItemInput>]
    }

    func register(on group: RouterGroup<APIRequestContext>) {
        group.post("match", use: match)
    }

    @Sendable func match(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.writers)
        let body = try await JSONBody.decode(Body.self, from: request, context: context)
        guard !body.items.isEmpty else { throw APIError.badRequest(field: "items", "Give at least one item to match.") }
        guard body.items.count <= maxItems else {
            throw APIError(
                .contentTooLarge, code: "batch_too_large", field: "items",
                message: "A match request holds at most \(maxItems) items; this one has \(body.items.count).")
        }
        var items: [MatchItem?] = []
        var errors: [Int: MatchItemErrorResource] = [:]
        let given = body.items.map { try? $0.result.get() }
        for (index, element) in body.items.enumerated() {
            let item: MatchItemInput
            switch element.result {
            case .success(let decoded): item = decoded
            case .failure(let error):
                let described = JSONBody.describe(error)
                errors[index] = MatchItemErrorResource(field: described.field ?? "items[\(index)]", message: described.message)
                items.append(nil)
                continue
            }
            do throws(ValidationError) {
                if let ref = item.ref { try Self.checkRef(ref) }
                items.append(try Self.item(item))
            } catch {
                errors[index] = MatchItemErrorResource(field: "items[\(index)].\(error.field)", message: error.reason)
                items.append(nil)
            }
        }
        var next = try matches.match(items.compactMap { $0 }).makeIterator()
        var found: [Int: [(signal: Signal, reason: MatchReason)]] = [:]
        for index in body.items.indices where errors[index] == nil {
            switch next.next() {
            case .success(let matched): found[index] = matched
            case .failure(let error): errors[index] = MatchItemErrorResource(field: "items[\(index)].\(error.field)", message: error.reason)
            case nil: break
            }
        }
        let queued = try queue(found, of: given)
        let results = given.enumerated().map { index, item in
            if let error = errors[index] { return MatchResultResource(ref: item?.ref, error: error) }
            return MatchResultResource(
                ref: item?.ref,
                matches: (found[index] ?? []).enumerated().map { position, match in
                    MatchResource(
                        signal: SignalResource(match.signal), reason: MatchReasonResource(match.reason), reviewItem: queued[index]?[position])
                })
        }
        return try Response.json(MatchResultsResource(results: results))
    }

    /// Queues the matches of received signals for review, in one transaction; the review item of each match, by
    /// item index and match position.
    func queue(_ found: [Int: [(signal: Signal, reason: MatchReason)]], of items: [MatchItemInput?]) throws -> [Int: [Int64?]] {
        var places: [(index: Int, position: Int)] = []
        var entries: [ReviewMatch] = []
        // In the items' order, so the queue lists them as given.
        for (index, matched) in found.sorted(by: { $0.key < $1.key }) {
            guard let item = items[index] else { continue }
            // The same item is the same reference with the same content: a new message under an old reference is new.
            let key = Hex.encode(SHA256.hash(data: Data("\(item.ref ?? "")\u{0}\(item.type)\u{0}\(item.value)".utf8)))
            for (position, (signal, reason)) in matched.enumerated() where signal.origin != service.participant {
                let reasonJSON = String(decoding: try JSONEncoder().encode(MatchReasonResource(reason)), as: UTF8.self)
                places.append((index, position))
                entries.append(
                    ReviewMatch(
                        ref: item.ref, itemType: item.type, itemValue: ReviewExcerpt.excerpt(of: item.value, type: item.type, reason: reason),
                        itemKey: key, signal: signal.id,
                        reason: reasonJSON))
            }
        }
        let ids = try service.recordMatches(entries, policy: policy)
        var queued: [Int: [Int64?]] = found.mapValues { Array(repeating: nil, count: $0.count) }
        for (place, id) in zip(places, ids) { queued[place.index]?[place.position] = id }
        return queued
    }

    /// A reference is 1 to `maxRefLength` Unicode scalars, none of them a control character.
    static func checkRef(_ ref: String) throws(ValidationError) {
        guard !ref.isEmpty, ref.unicodeScalars.count <= maxRefLength else {
            throw ValidationError(field: "ref", reason: "A reference is 1 to \(maxRefLength) characters; this one has \(ref.unicodeScalars.count).")
        }
        guard !ref.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ValidationError(field: "ref", reason: "A reference may not hold control characters (tabs, line breaks).")
        }
    }

    /// Reads one item's type and attributes; the matcher checks its value.
    static func item(_ item: MatchItemInput) throws(ValidationError) -> MatchItem {
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
