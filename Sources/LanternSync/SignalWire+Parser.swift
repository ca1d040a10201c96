import Foundation
import LanternCore

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
            var parser = WireParser(bytes: raw.bindMemory(to: UInt8.self))
            return parser.signal()
        }
    }
}

/// A strict reader of JSON objects of known shape over a buffer; every method returns nil on anything unexpected.
struct WireParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

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
        let complete = object { parser, key in
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
        let complete = object { parser, key in
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

    /// Reads an object, calling `field` for each key with the parser at its value; `field` returns false to give up.
    mutating func object(_ field: (inout WireParser, String) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        if consume(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = string(), consume(UInt8(ascii: ":")) else { return false }
            guard field(&self, key) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}"))
    }

    mutating func strings() -> [String]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var list: [String] = []
        if consume(UInt8(ascii: "]")) { return list }
        repeat {
            guard let item = string() else { return nil }
            list.append(item)
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]")) ? list : nil
    }

    mutating func bool() -> Bool? {
        if consumeLiteral("true") { return true }
        if consumeLiteral("false") { return false }
        return nil
    }

    /// A whole number of at most 18 digits, without fraction, exponent or leading zero.
    mutating func integer() -> Int64? {
        skipWhitespace()
        let negative = peek == UInt8(ascii: "-")
        if negative { index += 1 }
        let start = index
        var value: Int64 = 0
        while let byte = peek, byte >= 0x30, byte <= 0x39 {
            guard index - start < 18 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
            index += 1
        }
        let digits = index - start
        guard digits > 0, peek != UInt8(ascii: "."), peek != UInt8(ascii: "e"), peek != UInt8(ascii: "E") else { return nil }
        if digits > 1, bytes[start] == 0x30 { return nil }
        return negative ? -value : value
    }

    /// A string without escapes, read in place; one with escapes is left to `JSONDecoder`.
    mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return String(validating: slice, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
            index += 1
        }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard peek == byte else { return false }
        index += 1
        return true
    }

    mutating func consumeLiteral(_ literal: StaticString) -> Bool {
        skipWhitespace()
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let matches = literal.withUTF8Buffer { expected in (0..<count).allSatisfy { bytes[index + $0] == expected[$0] } }
        if matches { index += count }
        return matches
    }

    mutating func atEnd() -> Bool {
        skipWhitespace()
        return index == bytes.count
    }
}

/// Stores a value read for a key; false (give up) when there was none.
private func assign<T>(_ slot: inout T?, _ value: T?) -> Bool {
    slot = value
    return value != nil
}
