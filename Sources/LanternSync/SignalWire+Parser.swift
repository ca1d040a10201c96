import Foundation
import LanternCore
import LanternWire

extension SignalWire {
    init(
        id: String, origin: String, revision: UInt64, type: String, value: String, rawValue: String, attributes: SignalAttributes,
        tags: [String], taxonomyVersion: String, severity: String, reviewStatus: String, audience: String, createdAt: Int64,
        updatedAt: Int64, expiresAt: Int64, context: SignalContext
    ) {
        self.id = id
        self.origin = origin
        self.revision = revision
        self.type = type
        self.value = value
        self.rawValue = rawValue
        self.attributes = attributes
        self.tags = tags
        self.taxonomyVersion = taxonomyVersion
        self.severity = severity
        self.reviewStatus = reviewStatus
        self.audience = audience
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.expiresAt = expiresAt
        self.context = context
    }

    /// Reads a body with a parser written for exactly `SignalWire`'s shape: a full sync reads one body per signal,
    /// and `JSONDecoder` took most of its time. Anything the parser does not understand (escapes in a string, an
    /// unknown key, a wrong JSON type, a number that is not a whole one) makes it return nil, and `decode` falls
    /// back to `JSONDecoder`, which gives the same result or names the error. A test checks that both agree.
    static func parse(_ data: Data) -> SignalWire? {
        data.withUnsafeBytes { raw in
            var scanner = JSONScanner(bytes: raw.bindMemory(to: UInt8.self))
            return scanner.signal()
        }
    }
}

/// The objects of a signal body, read with `JSONScanner`; each returns nil on anything unexpected.
extension JSONScanner {
    mutating func signal() -> SignalWire? {
        var id: String?, origin: String?, revision: UInt64?, type: String?, value: String?, rawValue: String?
        var attributes: SignalAttributes?, tags: [String]?, taxonomyVersion: String?, severity: String?, reviewStatus: String?
        var audience: String?, createdAt: Int64?, updatedAt: Int64?, expiresAt: Int64?, context: SignalContext?
        let complete = object { parser, key in
            switch key {
            case "id": return assign(&id, parser.string())
            case "origin": return assign(&origin, parser.string())
            case "revision": return assign(&revision, parser.integer().flatMap { $0 >= 0 ? UInt64($0) : nil })
            case "type": return assign(&type, parser.string())
            case "value": return assign(&value, parser.string())
            case "raw_value": return assign(&rawValue, parser.string())
            case "attributes": return assign(&attributes, parser.attributes())
            case "tags": return assign(&tags, parser.strings())
            case "taxonomy_version": return assign(&taxonomyVersion, parser.string())
            case "severity": return assign(&severity, parser.string())
            case "review_status": return assign(&reviewStatus, parser.string())
            case "audience": return assign(&audience, parser.string())
            case "created_at": return assign(&createdAt, parser.integer())
            case "updated_at": return assign(&updatedAt, parser.integer())
            case "expires_at": return assign(&expiresAt, parser.integer())
            case "context": return assign(&context, parser.context())
            default: return false
            }
            return true
        }
        guard complete, atEnd(), let id, let origin, let revision, let type, let value, let rawValue, let attributes, let tags,
            let taxonomyVersion, let severity, let reviewStatus, let audience, let createdAt, let updatedAt, let expiresAt, let context
        else { return nil }
        return SignalWire(
            id: id, origin: origin, revision: revision, type: type, value: value, rawValue: rawValue, attributes: attributes, tags: tags,
            taxonomyVersion: taxonomyVersion, severity: severity, reviewStatus: reviewStatus, audience: audience, createdAt: createdAt,
            updatedAt: updatedAt, expiresAt: expiresAt, context: context)
    }

    mutating func attributes() -> SignalAttributes? {
        var attributes = SignalAttributes()
        var seen: UInt8 = 0
        let complete = object { parser, key in
            let bit: UInt8
            switch key {
            case "language": bit = 1
            case "media_kind": bit = 2
            case "path_prefix": bit = 4
            case "platform": bit = 8
            case "provider": bit = 16
            case "quality": bit = 32
            default: return false
            }
            guard firstTime(bit, in: &seen) else { return false }
            if parser.consumeLiteral("null") { return true }
            switch key {
            case "language": return assign(&attributes.language, parser.string())
            case "media_kind":
                guard let kind = parser.string().flatMap(MediaKind.init(rawValue:)) else { return false }
                attributes.mediaKind = kind
                return true
            case "path_prefix": return assign(&attributes.pathPrefix, parser.bool())
            case "platform": return assign(&attributes.platform, parser.string())
            case "provider": return assign(&attributes.provider, parser.string())
            case "quality": return assign(&attributes.quality, parser.integer().map(Int.init))
            default: return false
            }
            return true
        }
        return complete ? attributes : nil
    }

    mutating func context() -> SignalContext? {
        var context = SignalContext()
        var related: [String]?
        var seen: UInt8 = 0
        let complete = object { parser, key in
            let bit: UInt8
            switch key {
            case "related": bit = 1
            case "transaction": bit = 2
            case "confidence": bit = 4
            case "description": bit = 8
            case "first_seen": bit = 16
            case "last_seen": bit = 32
            default: return false
            }
            guard firstTime(bit, in: &seen) else { return false }
            switch key {
            case "related": return assign(&related, parser.strings())
            case "transaction":
                guard let transaction = parser.transaction() else { return false }
                context.transaction = transaction
                return true
            default: break
            }
            if parser.consumeLiteral("null") { return true }
            switch key {
            case "confidence": return assign(&context.confidence, parser.integer().map(Int.init))
            case "description": return assign(&context.description, parser.string())
            case "first_seen": return assign(&context.firstSeen, parser.integer().map(SignalWire.date))
            case "last_seen": return assign(&context.lastSeen, parser.integer().map(SignalWire.date))
            default: return false
            }
            return true
        }
        guard complete, let related else { return nil }
        context.related = related
        return context
    }

    mutating func transaction() -> TransactionDetails? {
        var amount: String?, currency: String?, date: Int64?, provider: String?
        let complete = object { parser, key in
            switch key {
            case "amount": return assign(&amount, parser.string())
            case "currency": return assign(&currency, parser.string())
            case "date": return assign(&date, parser.integer())
            case "provider": return assign(&provider, parser.string())
            default: return false
            }
            return true
        }
        guard complete, let amount, let currency, let date, let provider else { return nil }
        return TransactionDetails(date: SignalWire.date(date), amount: amount, currency: currency, provider: provider)
    }
}

/// Stores a value read for a key; false (give up) when there was none, or the key came before. `JSONDecoder` keeps
/// the first of a repeated key, this parser would keep the last: it leaves such a body to `JSONDecoder` instead.
private func assign<T>(_ slot: inout T?, _ value: T?) -> Bool {
    guard slot == nil else { return false }
    slot = value
    return value != nil
}

/// Marks a key's bit as read. - Returns: false when it was read before (a repeated key).
private func firstTime(_ bit: UInt8, in seen: inout UInt8) -> Bool {
    guard seen & bit == 0 else { return false }
    seen |= bit
    return true
}
