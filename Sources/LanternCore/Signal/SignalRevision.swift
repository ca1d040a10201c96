public import Foundation

/// One field of a signal that a change set from one text to another. A field that was unset reads as `nil`.
public struct FieldChange: Sendable, Equatable, Codable {
    public var field: String
    public var from: String?
    public var to: String?

    public init(field: String, from: String?, to: String?) {
        self.field = field
        self.from = from
        self.to = to
    }
}

/// A change this node made to one of its own signals: the revision it took, when, who made it (the audit log's
/// actor, such as `user:ana`; nil for the node itself), and each field it changed.
///
/// The node keeps these for its own signals only, and only while the signal lives: a removal or expiry takes them
/// with it, so what remains is the type and the date.
public struct SignalRevision: Sendable, Equatable {
    public var signalID: SignalID
    public var revision: UInt64
    public var changedAt: Date
    public var changedBy: String?
    public var changes: [FieldChange]

    public init(signalID: SignalID, revision: UInt64, changedAt: Date, changedBy: String?, changes: [FieldChange]) {
        self.signalID = signalID
        self.revision = revision
        self.changedAt = changedAt
        self.changedBy = changedBy
        self.changes = changes
    }

    /// The fields that differ between two versions of a signal, in the order the detail page lists fields, named as
    /// the API names them. The value and its type cannot change (they make the id), and `updated_at` and the
    /// revision change every time, so none of them is listed.
    public static func changes(from old: Signal, to new: Signal) -> [FieldChange] {
        var changes: [FieldChange] = []
        func compare(_ field: String, _ before: String?, _ after: String?) {
            if before != after { changes.append(FieldChange(field: field, from: before, to: after)) }
        }
        compare("severity", old.severity.rawValue, new.severity.rawValue)
        compare("review_status", old.reviewStatus.rawValue, new.reviewStatus.rawValue)
        compare("audience", old.audience.description, new.audience.description)
        compare("tags", old.tags.map(\.description).joined(separator: ", "), new.tags.map(\.description).joined(separator: ", "))
        compare("taxonomy_version", old.taxonomyVersion, new.taxonomyVersion)
        compare("expires_at", Timestamp.format(old.expiresAt), Timestamp.format(new.expiresAt))
        compare("platform", old.value.attributes.platform, new.value.attributes.platform)
        compare("provider", old.value.attributes.provider, new.value.attributes.provider)
        compare("media_kind", old.value.attributes.mediaKind?.rawValue, new.value.attributes.mediaKind?.rawValue)
        compare("quality", old.value.attributes.quality.map(String.init), new.value.attributes.quality.map(String.init))
        compare("language", old.value.attributes.language, new.value.attributes.language)
        compare("path_prefix", old.value.attributes.pathPrefix.map(String.init), new.value.attributes.pathPrefix.map(String.init))
        compare("description", old.context.description, new.context.description)
        compare("confidence", old.context.confidence.map(String.init), new.context.confidence.map(String.init))
        compare("first_seen", old.context.firstSeen.map(Timestamp.format), new.context.firstSeen.map(Timestamp.format))
        compare("last_seen", old.context.lastSeen.map(Timestamp.format), new.context.lastSeen.map(Timestamp.format))
        compare("related", text(old.context.related), text(new.context.related))
        compare("transaction", old.context.transaction?.summary, new.context.transaction?.summary)
        return changes
    }

    private static func text(_ related: [String]) -> String? {
        related.isEmpty ? nil : related.joined(separator: ", ")
    }
}
