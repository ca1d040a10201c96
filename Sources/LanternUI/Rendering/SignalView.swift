import Foundation
import LanternCore

/// A signal as the templates read it: every field as text. Mustache escapes it all, so a value such as a
/// `javascript:` URL is shown, never linked.
enum SignalView {
    /// The row of a result list.
    static func row(_ signal: Signal, local: ParticipantID) -> [String: Any] {
        let value = signal.value.normalized
        return [
            "id": signal.id.rawValue, "type": signal.type.rawValue, "value": value.count > 90 ? String(value.prefix(89)) + "…" : value,
            "origin": signal.origin.rawValue, "own": signal.origin == local, "severity": signal.severity.rawValue,
            "review_status": signal.reviewStatus.rawValue, "audience": audience(signal.audience),
            "created": PageRenderer.minute(signal.createdAt), "tags": signal.tags.map(\.description).joined(separator: ", "),
        ]
    }

    /// Every field, for the detail page.
    static func detail(_ signal: Signal, local: ParticipantID) -> [String: Any] {
        var values = row(signal, local: local)
        let attributes = signal.value.attributes
        let context = signal.context
        var facts: [[String: String]] = [
            ["name": "Value", "value": signal.value.normalized],
            ["name": "As submitted", "value": signal.value.raw],
            ["name": "Type", "value": signal.type.rawValue],
            ["name": "Origin", "value": signal.origin.rawValue + (signal.origin == local ? " (this node)" : "")],
            ["name": "Revision", "value": String(signal.revision)],
            ["name": "Tags", "value": signal.tags.map(\.description).joined(separator: ", ")],
            ["name": "Taxonomy version", "value": signal.taxonomyVersion],
            ["name": "Severity", "value": signal.severity.rawValue],
            ["name": "Review status", "value": signal.reviewStatus.rawValue],
            ["name": "Audience", "value": audience(signal.audience)],
            ["name": "Created", "value": Timestamp.format(signal.createdAt)],
            ["name": "Updated", "value": Timestamp.format(signal.updatedAt)],
            ["name": "Expires", "value": Timestamp.format(signal.expiresAt)],
        ]
        let optional: [(String, String?)] = [
            ("Platform", attributes.platform), ("Provider", attributes.provider), ("Media kind", attributes.mediaKind?.rawValue),
            ("Quality", attributes.quality.map(String.init)), ("Language", attributes.language),
            ("Path prefix", attributes.pathPrefix.map { $0 ? "yes" : "no" }), ("Description", context.description),
            ("Confidence", context.confidence.map(String.init)), ("First seen", context.firstSeen.map(Timestamp.format)),
            ("Last seen", context.lastSeen.map(Timestamp.format)),
            ("Related", context.related.isEmpty ? nil : context.related.joined(separator: ", ")),
            ("Transaction", context.transaction?.summary),
        ]
        facts += optional.compactMap { name, value in value.map { ["name": name, "value": $0] } }
        values["facts"] = facts
        values["value"] = signal.value.normalized
        return values
    }

    /// An own signal's history for the detail page: each change, newest first, with its fields from and to, then
    /// the creation.
    static func history(_ signal: Signal, revisions: [SignalRevision]) -> [[String: Any]] {
        var rows: [[String: Any]] = revisions.map { revision in
            [
                "revision": String(revision.revision), "when": PageRenderer.minute(revision.changedAt),
                "who": revision.changedBy ?? "this node",
                "changes": revision.changes.map { ["field": $0.field, "from": $0.from ?? "—", "to": $0.to ?? "—"] },
                "no_change": revision.changes.isEmpty, "is_creation": false,
            ]
        }
        // Every key is given, so no lookup falls through to the page's own values (the row's `created` date).
        rows.append([
            "revision": "", "when": PageRenderer.minute(signal.createdAt), "who": "", "changes": [[String: String]](), "no_change": false,
            "is_creation": true,
        ])
        return rows
    }

    static func audience(_ audience: Audience) -> String {
        switch audience {
        case .all: "all"
        case .financial: "financial"
        case .allowlist(let members): members.sorted().map(\.rawValue).joined(separator: ", ")
        }
    }

    /// The fields of the edit form, as the signal holds them now.
    static func formValues(_ signal: Signal) -> [String: String] {
        let attributes = signal.value.attributes
        let context = signal.context
        var values: [String: String] = [
            "type": signal.type.rawValue, "value": signal.value.raw, "tags": signal.tags.map(\.description).joined(separator: ", "),
            "severity": signal.severity.rawValue, "review_status": signal.reviewStatus.rawValue, "audience": audience(signal.audience),
            "description": context.description ?? "", "related": context.related.joined(separator: ", "),
            "expires_at": Timestamp.format(signal.expiresAt),
        ]
        let optional: [(String, String?)] = [
            ("platform", attributes.platform), ("provider", attributes.provider), ("media_kind", attributes.mediaKind?.rawValue),
            ("quality", attributes.quality.map(String.init)), ("language", attributes.language),
            ("confidence", context.confidence.map(String.init)), ("first_seen", context.firstSeen.map(Timestamp.format)),
            ("last_seen", context.lastSeen.map(Timestamp.format)),
            ("transaction_date", context.transaction.map { Timestamp.format($0.date) }),
            ("transaction_amount", context.transaction?.amount), ("transaction_currency", context.transaction?.currency),
            ("transaction_provider", context.transaction?.provider),
        ]
        for (key, value) in optional { values[key] = value ?? "" }
        return values
    }
}
