import Foundation
import LanternCore
import LanternStore

/// A signal as the API returns it.
struct SignalResource: Codable, Sendable {
    struct Transaction: Codable, Sendable {
        var date: String
        var amount: String
        var currency: String
        var provider: String
    }

    var id: String
    var origin: String
    var revision: UInt64
    var type: String
    var value: String
    var rawValue: String
    var platform: String?
    var provider: String?
    var mediaKind: String?
    var quality: Int?
    var language: String?
    var pathPrefix: Bool?
    var tags: [String]
    var taxonomyVersion: String
    var severity: String
    var reviewStatus: String
    /// `all`, `financial` or `allowlist`.
    var audience: String
    /// The members, when the audience is an allowlist.
    var allowlist: [String]?
    var createdAt: String
    var updatedAt: String
    var expiresAt: String
    var description: String?
    var confidence: Int?
    var firstSeen: String?
    var lastSeen: String?
    var related: [String]?
    var transaction: Transaction?

    enum CodingKeys: String, CodingKey {
        case id, origin, revision, type, value, platform, provider, quality, language, tags, severity, audience,
            allowlist, description, confidence, related, transaction
        case rawValue = "raw_value"
        case mediaKind = "media_kind"
        case pathPrefix = "path_prefix"
        case taxonomyVersion = "taxonomy_version"
        case reviewStatus = "review_status"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case expiresAt = "expires_at"
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
    }

    init(_ signal: Signal) {
        id = signal.id.rawValue
        origin = signal.origin.rawValue
        revision = signal.revision
        type = signal.type.rawValue
        value = signal.value.normalized
        rawValue = signal.value.raw
        let attributes = signal.value.attributes
        platform = attributes.platform
        provider = attributes.provider
        mediaKind = attributes.mediaKind?.rawValue
        quality = attributes.quality
        language = attributes.language
        pathPrefix = attributes.pathPrefix
        tags = signal.tags.map(\.description)
        taxonomyVersion = signal.taxonomyVersion
        severity = signal.severity.rawValue
        reviewStatus = signal.reviewStatus.rawValue
        switch signal.audience {
        case .all: audience = "all"
        case .financial: audience = "financial"
        case .allowlist(let members):
            audience = "allowlist"
            allowlist = members.sorted().map(\.rawValue)
        }
        createdAt = Timestamp.format(signal.createdAt)
        updatedAt = Timestamp.format(signal.updatedAt)
        expiresAt = Timestamp.format(signal.expiresAt)
        let context = signal.context
        description = context.description
        confidence = context.confidence
        firstSeen = context.firstSeen.map(Timestamp.format)
        lastSeen = context.lastSeen.map(Timestamp.format)
        related = context.related.isEmpty ? nil : context.related
        transaction = context.transaction.map {
            Transaction(date: Timestamp.format($0.date), amount: $0.amount, currency: $0.currency, provider: $0.provider)
        }
    }
}

/// What remains of a removed signal, as the API returns it.
struct RemovalResource: Codable, Sendable {
    var id: String
    var type: String
    var removedAt: String
    var reason: String

    enum CodingKeys: String, CodingKey {
        case id, type, reason
        case removedAt = "removed_at"
    }

    init(_ record: RemovalRecord) {
        id = record.id.rawValue
        type = record.type.rawValue
        removedAt = Timestamp.format(record.removedAt)
        reason = record.reason.rawValue
    }
}

/// A page of signals.
struct SignalListResource: Codable, Sendable {
    var signals: [SignalResource]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case signals
        case nextCursor = "next_cursor"
    }
}

/// The outcome of each item of a batch, in order.
struct BatchResultResource: Codable, Sendable {
    struct Item: Codable, Sendable {
        var index: Int
        var status: String
        var id: String?
        var field: String?
        var message: String?
    }

    var created: Int
    var rejected: Int
    var results: [Item]
}

/// A field error, as reported for one line of an import.
struct LineErrorResource: Codable, Sendable {
    var line: Int
    var field: String?
    var message: String
}
