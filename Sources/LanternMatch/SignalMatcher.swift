import Foundation
public import LanternCore

/// One item of a company's own data to check against the signals: a value of a signal type, or a text to search
/// for keywords.
public struct MatchItem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case value(SignalType)
        /// Free text, searched for keyword signals.
        case text
    }

    public var kind: Kind
    public var value: String
    /// Narrows hash matches to a media kind, usernames to a platform, payment accounts to a provider.
    public var attributes: SignalAttributes
    /// For PDQ: the largest Hamming distance that matches (31 unless given).
    public var threshold: Int?

    public init(kind: Kind, value: String, attributes: SignalAttributes = SignalAttributes(), threshold: Int? = nil) {
        self.kind = kind
        self.value = value
        self.attributes = attributes
        self.threshold = threshold
    }
}

/// Every matcher over the signals a node holds, kept up to date signal by signal: a removed signal stops matching
/// at once. Pure and synchronous; the node's match service owns one and feeds it the store's changes.
public struct SignalMatcher: Sendable {
    public static let defaultPDQThreshold = 31
    public static let maximumPDQThreshold = 128
    /// PDQ hashes below this quality are too unreliable to look up, as in python-threatexchange.
    public static let minimumPDQQuality = 50

    public private(set) var pdq = PDQIndex<SignalID>()
    public private(set) var exact = ExactIndex()
    public private(set) var urls = URLIndex()
    public private(set) var keywords = KeywordIndex()

    public init() {}

    public var count: Int { pdq.count + exact.count + urls.count + keywords.count }

    public mutating func insert(_ signal: Signal) {
        remove(signal.id)
        let value = signal.value
        switch value.type {
        case .pdq:
            if let hash = PDQHash(hex: value.normalized) { pdq.insert(hash, for: signal.id) }
        case .url, .domain:
            urls.insert(signal.id, type: value.type, value: value.normalized, attributes: value.attributes)
        case .keyword:
            keywords.insert(signal.id, value: value.normalized, language: value.attributes.language ?? "")
        case .md5, .sha1, .sha256, .photodna, .tmk, .email, .username, .phone, .paymentAccount:
            exact.insert(signal.id, type: value.type, value: value.normalized, attributes: value.attributes)
        }
    }

    public mutating func remove(_ signal: SignalID) {
        pdq.remove(signal)
        exact.remove(signal)
        urls.remove(signal)
        keywords.remove(signal)
    }

    /// Rebuilds what is built in bulk (the keyword automaton) after a batch of changes.
    public mutating func prepare() { keywords.prepare() }

    /// The signals matching `item`. - Throws: a `ValidationError` naming the field when the item is not valid.
    public func matches(_ item: MatchItem) throws(ValidationError) -> [ValueMatch] {
        switch item.kind {
        case .text:
            guard !item.value.isEmpty else { throw ValidationError(field: "value", reason: "The text is empty.") }
            return keywords.matches(in: item.value, language: item.attributes.language)
        case .value(.keyword):
            throw ValidationError(field: "type", reason: "Keywords are found in a text: give the item the type 'text'.")
        case .value(.pdq):
            return try pdqMatches(item)
        case .value(.url):
            let url: URLCanonicalizer.CanonicalURL
            do { url = try URLCanonicalizer.canonicalize(item.value) } catch { throw ValidationError(field: "value", reason: error.reason) }
            return urls.matches(url: url)
        case .value(.domain):
            let host: String
            do { host = try HostName.normalize(item.value.trimmingCharacters(in: .whitespaces)) } catch {
                throw ValidationError(field: "value", reason: error.reason)
            }
            return urls.matches(host: host)
        case .value(let type):
            // The qualifier is optional in a query: normalise with a stand-in, then match any qualifier.
            var attributes = item.attributes
            let given = type.isHash ? attributes.mediaKind != nil : type == .username ? attributes.platform != nil : attributes.provider != nil
            if type.isHash, attributes.mediaKind == nil { attributes.mediaKind = .other }
            if type == .username, attributes.platform == nil { attributes.platform = "any" }
            var values: Set<String> = []
            if type == .paymentAccount, attributes.provider == nil {
                // A payment handle's normal form depends on its provider: without one, try each.
                for provider in ["other", "cashapp", "venmo", "ethereum", "bitcoin"] {
                    attributes.provider = provider
                    if let value = try? ValueNormalizer.normalize(type: type, raw: item.value, attributes: attributes) {
                        values.insert(value.normalized)
                    }
                }
                if values.isEmpty {
                    // Not a handle for any provider: the default's error names the field.
                    attributes.provider = "other"
                    _ = try ValueNormalizer.normalize(type: type, raw: item.value, attributes: attributes)
                    return []
                }
            } else {
                let normalized = try ValueNormalizer.normalize(type: type, raw: item.value, attributes: attributes)
                values.insert(normalized.normalized)
                attributes = normalized.attributes
            }
            let qualifier = given ? ExactIndex.qualifier(type, attributes) : nil
            return Set(values.flatMap { exact.matches(type: type, value: $0, qualifier: qualifier) }).sorted().map {
                ValueMatch(signal: $0, reason: .exact)
            }
        }
    }

    func pdqMatches(_ item: MatchItem) throws(ValidationError) -> [ValueMatch] {
        guard let hash = PDQHash(hex: item.value.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError(field: "value", reason: "A PDQ hash has 64 hexadecimal characters.")
        }
        if let quality = item.attributes.quality, quality < Self.minimumPDQQuality {
            throw ValidationError(
                field: "quality",
                reason: "The hash's quality is \(quality), below \(Self.minimumPDQQuality): too unreliable to look up (as python-threatexchange).")
        }
        let threshold = item.threshold ?? Self.defaultPDQThreshold
        guard (0...Self.maximumPDQThreshold).contains(threshold) else {
            throw ValidationError(field: "threshold", reason: "A PDQ threshold is 0 to \(Self.maximumPDQThreshold) bits; \(threshold) is not.")
        }
        return pdq.matches(hash, within: threshold).map { ValueMatch(signal: $0.key, reason: .pdq(distance: $0.distance)) }
    }
}
