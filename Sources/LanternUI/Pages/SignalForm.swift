import Foundation
import LanternCore

/// The fields of the create and edit forms, named as the API names them, so the node's validation message lands
/// beside the field it names.
struct SignalForm: Decodable {
    var fields: [String: String]

    static let names = [
        "type", "value", "platform", "provider", "media_kind", "quality", "language", "path_prefix", "tags", "severity", "review_status",
        "audience", "description", "confidence", "first_seen", "last_seen", "related", "expires_at", "transaction_date",
        "transaction_amount", "transaction_currency", "transaction_provider", "csrf",
    ]

    init(fields: [String: String]) { self.fields = fields }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        var fields: [String: String] = [:]
        for name in Self.names {
            if let text = try container.decodeIfPresent(String.self, forKey: AnyKey(name)) { fields[name] = text }
        }
        self.fields = fields
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var csrf: String? { fields["csrf"] }

    /// The draft the form describes. Given the signal's current fields, only what the person changed goes into
    /// the draft (an edit is a patch); a field emptied on an edit clears it where the API allows that.
    func draft(changedFrom current: [String: String]? = nil) throws(ValidationError) -> SignalDraft {
        func text(_ name: String) -> String? {
            // A field the form did not hold (type and value are fixed once stored) is no change.
            guard let raw = fields[name] else { return nil }
            let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if let current {
                guard value != (current[name] ?? "") else { return nil }
                return value
            }
            return value.isEmpty ? nil : value
        }
        func number(_ name: String, _ rule: String) throws(ValidationError) -> Int? {
            guard let value = text(name), !value.isEmpty else { return nil }
            guard let number = Int(value) else { throw ValidationError(field: name, reason: rule) }
            return number
        }
        func list(_ name: String) -> [String]? {
            text(name).map {
                $0.split(whereSeparator: { $0 == "," || $0 == "\n" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
        }
        var draft = SignalDraft()
        draft.type = text("type")
        draft.value = text("value")
        draft.platform = text("platform")
        draft.provider = text("provider")
        draft.mediaKind = text("media_kind")
        draft.quality = try number("quality", "A quality is a whole number from 0 to 100.")
        draft.language = text("language")
        if current == nil, fields["path_prefix"] == "on" { draft.pathPrefix = true }
        draft.tags = list("tags")
        draft.severity = text("severity")
        draft.reviewStatus = text("review_status")
        draft.audience = text("audience").map { AudienceText($0) }
        draft.description = text("description")
        draft.confidence = try number("confidence", "A confidence is a whole number from 0 to 100.")
        draft.firstSeen = text("first_seen").map(Self.timestamp)
        draft.lastSeen = text("last_seen").map(Self.timestamp)
        draft.related = list("related")
        draft.expiresAt = text("expires_at").map(Self.timestamp)
        // Transaction details go together: a change to one sends all four.
        let parts = ["transaction_date", "transaction_amount", "transaction_currency", "transaction_provider"]
        if parts.contains(where: { text($0) != nil }) {
            func whole(_ name: String) -> String? {
                let value = (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                return value.isEmpty ? nil : value
            }
            draft.transaction = TransactionDraft(
                date: whole("transaction_date").map(Self.timestamp), amount: whole("transaction_amount"),
                currency: whole("transaction_currency"), provider: whole("transaction_provider"))
        }
        return draft
    }

    /// A day as a date picker gives it (`2026-12-05`) is that day's start in UTC; anything else goes to the
    /// validator as written.
    static func timestamp(_ text: String) -> String {
        let isDay =
            text.utf8.count == 10
            && text.enumerated().allSatisfy { index, character in
                index == 4 || index == 7 ? character == "-" : character.isASCII && character.isNumber
            }
        return isDay ? text + "T00:00:00Z" : text
    }

    /// The form field a validation message belongs beside: `tags[2]` is the tags field, `transaction.amount` the
    /// transaction's amount.
    static func fieldName(_ field: String) -> String {
        let base = field.split(separator: "[").first.map(String.init) ?? field
        return base.replacingOccurrences(of: ".", with: "_")
    }
}
