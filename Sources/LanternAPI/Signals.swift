// The signal resources of the local API: docs/openapi.json, schemas Signal, Removal, SignalList, BatchResult,
// LineError and ImportSummary.

/// A signal as the API returns it (`Signal` in docs/openapi.json).
public struct SignalResource: Codable, Sendable, Equatable {
    /// The transaction details of a financial-pool signal.
    public struct Transaction: Codable, Sendable, Equatable {
        public var date: String
        public var amount: String
        public var currency: String
        public var provider: String

        public init(date: String, amount: String, currency: String, provider: String) {
            self.date = date
            self.amount = amount
            self.currency = currency
            self.provider = provider
        }
    }

    public var id: String
    public var origin: String
    public var revision: UInt64
    public var type: String
    /// The normalised value.
    public var value: String
    /// The value as it was submitted.
    public var rawValue: String
    public var platform: String?
    public var provider: String?
    public var mediaKind: String?
    public var quality: Int?
    public var language: String?
    public var pathPrefix: Bool?
    public var tags: [String]
    public var taxonomyVersion: String
    public var severity: String
    public var reviewStatus: String
    /// `all`, `financial` or `allowlist`.
    public var audience: String
    /// The members, when the audience is an allowlist.
    public var allowlist: [String]?
    public var createdAt: String
    public var updatedAt: String
    public var expiresAt: String
    public var description: String?
    public var confidence: Int?
    public var firstSeen: String?
    public var lastSeen: String?
    public var related: [String]?
    public var transaction: Transaction?

    public init(
        id: String, origin: String, revision: UInt64, type: String, value: String, rawValue: String, platform: String? = nil, provider: String? = nil,
        mediaKind: String? = nil, quality: Int? = nil, language: String? = nil, pathPrefix: Bool? = nil, tags: [String], taxonomyVersion: String,
        severity: String, reviewStatus: String, audience: String, allowlist: [String]? = nil, createdAt: String, updatedAt: String, expiresAt: String,
        description: String? = nil, confidence: Int? = nil, firstSeen: String? = nil, lastSeen: String? = nil, related: [String]? = nil,
        transaction: Transaction? = nil
    ) {
        self.id = id
        self.origin = origin
        self.revision = revision
        self.type = type
        self.value = value
        self.rawValue = rawValue
        self.platform = platform
        self.provider = provider
        self.mediaKind = mediaKind
        self.quality = quality
        self.language = language
        self.pathPrefix = pathPrefix
        self.tags = tags
        self.taxonomyVersion = taxonomyVersion
        self.severity = severity
        self.reviewStatus = reviewStatus
        self.audience = audience
        self.allowlist = allowlist
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.expiresAt = expiresAt
        self.description = description
        self.confidence = confidence
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.related = related
        self.transaction = transaction
    }

    enum CodingKeys: String, CodingKey {
        case id, origin, revision, type, value, platform, provider, quality, language, tags, severity, audience, allowlist, description, confidence,
            related, transaction
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
}

/// What remains of a removed signal (`Removal`).
public struct RemovalResource: Codable, Sendable, Equatable {
    public var id: String
    public var type: String
    public var removedAt: String
    public var reason: String

    public init(id: String, type: String, removedAt: String, reason: String) {
        self.id = id
        self.type = type
        self.removedAt = removedAt
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case id, type, reason
        case removedAt = "removed_at"
    }
}

/// A page of signals (`SignalList`).
public struct SignalListResource: Codable, Sendable, Equatable {
    public var signals: [SignalResource]
    /// Give as `cursor` for the next page; absent on the last one.
    public var nextCursor: String?

    public init(signals: [SignalResource], nextCursor: String? = nil) {
        self.signals = signals
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey {
        case signals
        case nextCursor = "next_cursor"
    }
}

/// The outcome of each signal of a batch, in order (`BatchResult`).
public struct BatchResultResource: Codable, Sendable, Equatable {
    /// One signal of the batch: created with its id, or rejected with the field and the reason.
    public struct Item: Codable, Sendable, Equatable {
        public var index: Int
        public var status: String
        public var id: String?
        public var field: String?
        public var message: String?

        public init(index: Int, status: String, id: String? = nil, field: String? = nil, message: String? = nil) {
            self.index = index
            self.status = status
            self.id = id
            self.field = field
            self.message = message
        }
    }

    public var created: Int
    public var rejected: Int
    public var results: [Item]

    public init(created: Int, rejected: Int, results: [Item]) {
        self.created = created
        self.rejected = rejected
        self.results = results
    }
}

/// A rejected line of an import (`LineError`).
public struct LineErrorResource: Codable, Sendable, Equatable {
    public var line: Int
    public var field: String?
    public var message: String

    public init(line: Int, field: String? = nil, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }
}

/// What an import did (`ImportSummary`).
public struct ImportSummaryResource: Codable, Sendable, Equatable {
    public var lines: Int
    public var created: Int
    public var rejected: Int
    public var batches: Int
    public var dryRun: Bool
    public var errors: [LineErrorResource]
    public var errorsTruncated: Bool
    public var skipped: Int

    public init(lines: Int, created: Int, rejected: Int, batches: Int, dryRun: Bool, errors: [LineErrorResource], errorsTruncated: Bool, skipped: Int)
    {
        self.lines = lines
        self.created = created
        self.rejected = rejected
        self.batches = batches
        self.dryRun = dryRun
        self.errors = errors
        self.errorsTruncated = errorsTruncated
        self.skipped = skipped
    }

    enum CodingKeys: String, CodingKey {
        case lines, created, rejected, batches, errors, skipped
        case dryRun = "dry_run"
        case errorsTruncated = "errors_truncated"
    }
}
