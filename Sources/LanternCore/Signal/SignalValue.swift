/// Attributes that qualify a value: which platform a username is on, which provider a payment handle belongs to,
/// what media a hash was computed from, a PDQ hash's quality and a keyword's language.
public struct SignalAttributes: Hashable, Codable, Sendable {
    public var platform: String?
    public var provider: String?
    public var mediaKind: MediaKind?
    public var quality: Int?
    public var language: String?
    /// For URL signals: also match URLs under this one's path.
    public var pathPrefix: Bool?

    public init(
        platform: String? = nil, provider: String? = nil, mediaKind: MediaKind? = nil, quality: Int? = nil,
        language: String? = nil, pathPrefix: Bool? = nil
    ) {
        self.platform = platform
        self.provider = provider
        self.mediaKind = mediaKind
        self.quality = quality
        self.language = language
        self.pathPrefix = pathPrefix
    }

    enum CodingKeys: String, CodingKey {
        case platform, provider, quality, language
        case mediaKind = "media_kind"
        case pathPrefix = "path_prefix"
    }
}

/// A validated value: its type, the normalised form used for matching, and the raw form as submitted.
public struct SignalValue: Hashable, Sendable {
    public var type: SignalType
    public var normalized: String
    public var raw: String
    public var attributes: SignalAttributes

    public init(type: SignalType, normalized: String, raw: String, attributes: SignalAttributes = SignalAttributes()) {
        self.type = type
        self.normalized = normalized
        self.raw = raw
        self.attributes = attributes
    }
}
