import Foundation
import Hummingbird
import LanternCore
public import LanternStore

/// Reads the filters of `GET /v1/signals` from the query string, and the UI's search form with the same names and
/// the same messages.
public enum SignalQueryParser {
    public static let known: Set<String> = [
        "type", "origin", "tag", "audience", "review_status", "severity", "created_since", "created_before", "value", "cursor", "limit",
    ]

    /// Reads the filters of a form: an empty field is no filter, and a field the API does not know is refused.
    public static func parse(form: [String: String]) throws -> SignalQuery {
        try parse(QueryReader(values: form.filter { !$0.value.isEmpty }, known: known))
    }

    static func parse(_ parameters: QueryReader) throws -> SignalQuery {
        var query = SignalQuery()
        func value(_ key: String) -> String? { parameters.string(key) }
        func bad(_ field: String, _ message: String) -> APIError { APIError.badRequest(field: field, message) }
        if let text = value("type") {
            guard let type = SignalType(rawValue: text) else {
                throw bad("type", "'\(text)' is not a signal type: use one of \(SignalType.namesList).")
            }
            query.type = type
        }
        if let text = value("origin") {
            guard let id = ParticipantID(text) else { throw bad("origin", ParticipantID.rule) }
            query.origin = id
        }
        if let text = value("tag") {
            // Tag ids and platform names are lowercase; other parameters (report ids) keep their case.
            let parts = text.split(separator: ":", maxSplits: 1)
            let id = parts.first.map { $0.lowercased() } ?? ""
            query.tag = parts.count == 2 ? id + ":" + (id == "platform" ? parts[1].lowercased() : String(parts[1])) : id
        }
        if let text = value("value") { query.value = text }
        if let text = value("audience") {
            switch text {
            case "all": query.audience = .all
            case "financial": query.audience = .financial
            case "allowlist": query.audience = .anyAllowlist
            default:
                guard let id = ParticipantID(text) else {
                    throw bad("audience", "Use 'all', 'financial', 'allowlist', or a participant id for allowlists that include it.")
                }
                query.audience = .allowlistIncluding(id)
            }
        }
        if let text = value("review_status") {
            guard let status = ReviewStatus(rawValue: text.uppercased()) else {
                throw bad(
                    "review_status", "'\(text)' is not a review status: use one of \(ReviewStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            query.reviewStatus = status
        }
        if let text = value("severity") {
            guard let severity = Severity(rawValue: text.uppercased()) else {
                throw bad("severity", "'\(text)' is not a severity: use one of \(Severity.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            query.severity = severity
        }
        for (key, path) in [("created_since", \SignalQuery.createdSince), ("created_before", \SignalQuery.createdBefore)] {
            if let text = value(key) {
                guard let date = Timestamp.parse(text) else { throw bad(key, "'\(text)' is not an RFC 3339 date.") }
                query[keyPath: path] = date
            }
        }
        if let text = value("cursor") {
            guard let id = SignalID(text) else { throw bad("cursor", "The cursor is not one this node returned.") }
            query.before = id
        }
        if let limit = try parameters.integer("limit", in: 1...1000, "A limit is 1 to 1000.") { query.limit = limit }
        return query
    }
}
