import Foundation

/// A signal as a user or an integration submits it, before validation: every field is optional and raw.
///
/// The API's JSON body and each line of an import file decode into this. `SignalValidator` turns it into a
/// `Signal` or refuses it with the field and the reason.
public struct SignalDraft: Codable, Sendable, Equatable {
    public var type: String?
    public var value: String?
    public var platform: String?
    public var provider: String?
    public var mediaKind: String?
    public var quality: Int?
    public var language: String?
    public var pathPrefix: Bool?
    public var tags: [String]?
    public var severity: String?
    public var reviewStatus: String?
    /// `all`, `financial`, or participant ids (a JSON array, or one string with commas).
    public var audience: AudienceText?
    public var description: String?
    public var confidence: Int?
    public var firstSeen: String?
    public var lastSeen: String?
    public var related: [String]?
    public var transaction: TransactionDraft?
    public var expiresAt: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case type, value, platform, provider, quality, language, tags, severity, audience, description, confidence,
            related, transaction
        case mediaKind = "media_kind"
        case pathPrefix = "path_prefix"
        case reviewStatus = "review_status"
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
        case expiresAt = "expires_at"
    }
}

/// Transaction details as submitted.
public struct TransactionDraft: Codable, Sendable, Equatable {
    public var date: String?
    public var amount: String?
    public var currency: String?
    public var provider: String?

    public init(date: String? = nil, amount: String? = nil, currency: String? = nil, provider: String? = nil) {
        self.date = date
        self.amount = amount
        self.currency = currency
        self.provider = provider
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        currency = try c.decodeIfPresent(String.self, forKey: .currency)
        provider = try c.decodeIfPresent(String.self, forKey: .provider)
        // Amounts may be sent as a JSON number or a string; keep the text either way.
        if let text = try? c.decodeIfPresent(String.self, forKey: .amount) {
            amount = text
        } else if c.contains(.amount), try !c.decodeNil(forKey: .amount) {
            // Foundation refuses a number beyond Decimal's range (5e-324) with an error that names no field.
            do {
                amount = try c.decode(Decimal.self, forKey: .amount).description
            } catch DecodingError.typeMismatch(let type, let context) {
                throw DecodingError.typeMismatch(type, context)
            } catch {
                throw DecodingError.dataCorruptedError(
                    forKey: .amount, in: c, debugDescription: "The amount has at most 15 digits before the point and 8 after it.")
            }
        }
    }
}

/// An audience as submitted: one string, or an array of participant ids.
public struct AudienceText: Codable, Sendable, Equatable, ExpressibleByStringLiteral {
    public var text: String
    /// Whether it came as an array, which can only be an allowlist of participant ids.
    public var isList: Bool

    public init(_ text: String, isList: Bool = false) {
        self.text = text
        self.isList = isList
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([String].self) {
            self.init(list.joined(separator: ","), isList: true)
        } else {
            self.init(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if isList {
            try container.encode(text.split(separator: ",").map(String.init))
        } else {
            try container.encode(text)
        }
    }
}
