// The matching resources of the local API: docs/openapi.json, schemas MatchItem, MatchRequest, MatchReason,
// MatchResult and MatchResults.

/// One item of the company's own data to check (`MatchItem`).
public struct MatchItemInput: Codable, Sendable, Equatable {
    public var type: String
    public var value: String
    public var ref: String?
    public var mediaKind: String?
    public var platform: String?
    public var provider: String?
    public var language: String?
    public var quality: Int?
    public var threshold: Int?

    public init(
        type: String, value: String, ref: String? = nil, mediaKind: String? = nil, platform: String? = nil, provider: String? = nil,
        language: String? = nil, quality: Int? = nil, threshold: Int? = nil
    ) {
        self.type = type
        self.value = value
        self.ref = ref
        self.mediaKind = mediaKind
        self.platform = platform
        self.provider = provider
        self.language = language
        self.quality = quality
        self.threshold = threshold
    }

    enum CodingKeys: String, CodingKey {
        case type, value, ref, platform, provider, language, quality, threshold
        case mediaKind = "media_kind"
    }
}

/// The items of one match request (`MatchRequest`).
public struct MatchRequestBody: Codable, Sendable, Equatable {
    public var items: [MatchItemInput]

    public init(items: [MatchItemInput]) {
        self.items = items
    }
}

/// Why a signal matched an item (`MatchReason`), as the API returns it and the review queue stores it.
public struct MatchReasonResource: Codable, Sendable, Equatable {
    public var kind: String
    public var distance: Int?
    public var domain: String?
    public var path: String?
    public var start: Int?
    public var end: Int?

    public init(kind: String, distance: Int? = nil, domain: String? = nil, path: String? = nil, start: Int? = nil, end: Int? = nil) {
        self.kind = kind
        self.distance = distance
        self.domain = domain
        self.path = path
        self.start = start
        self.end = end
    }
}

/// One signal an item matched.
public struct MatchResource: Codable, Sendable, Equatable {
    public var signal: SignalResource
    public var reason: MatchReasonResource
    /// The review item the match went to, for a received signal.
    public var reviewItem: Int64?

    public init(signal: SignalResource, reason: MatchReasonResource, reviewItem: Int64? = nil) {
        self.signal = signal
        self.reason = reason
        self.reviewItem = reviewItem
    }

    enum CodingKeys: String, CodingKey {
        case signal, reason
        case reviewItem = "review_item"
    }
}

/// Why an item could not be checked, naming its field (`items[3].value`).
public struct MatchItemErrorResource: Codable, Sendable, Equatable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// The outcome for one item, in the order given (`MatchResult`): its matches or its error.
public struct MatchResultResource: Codable, Sendable, Equatable {
    public var ref: String?
    public var matches: [MatchResource]?
    public var error: MatchItemErrorResource?

    public init(ref: String? = nil, matches: [MatchResource]? = nil, error: MatchItemErrorResource? = nil) {
        self.ref = ref
        self.matches = matches
        self.error = error
    }
}

/// A result per item (`MatchResults`).
public struct MatchResultsResource: Codable, Sendable, Equatable {
    public var results: [MatchResultResource]

    public init(results: [MatchResultResource]) {
        self.results = results
    }
}
