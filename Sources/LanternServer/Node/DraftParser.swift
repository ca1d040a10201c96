import LanternCore

/// A fast reader for one signal draft in JSON, for imports, where decoding dominates the cost.
///
/// It understands exactly the draft's shape. Anything it does not understand (bad syntax, a wrong JSON type,
/// invalid UTF-8, a number where it expects an integer) makes it return `nil`, and the caller falls back to
/// `JSONDecoder`, which then reports the error with the field's path. A test checks that both agree.
struct DraftParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> SignalDraft? {
        var parser = DraftParser(bytes: line)
        return parser.object()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private mutating func object() -> SignalDraft? {
        var draft = SignalDraft()
        guard consume(UInt8(ascii: "{")) else { return nil }
        if consume(UInt8(ascii: "}")) { return atEnd() ? draft : nil }
        repeat {
            guard let key = string(), consume(UInt8(ascii: ":")) else { return nil }
            guard field(key, into: &draft) else { return nil }
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")) else { return nil }
        return atEnd() ? draft : nil
    }

    private mutating func field(_ key: String, into draft: inout SignalDraft) -> Bool {
        func text(_ path: WritableKeyPath<SignalDraft, String?>) -> Bool {
            guard let value = optionalString() else { return false }
            draft[keyPath: path] = value.value
            return true
        }
        switch key {
        case "type": return text(\.type)
        case "value": return text(\.value)
        case "platform": return text(\.platform)
        case "provider": return text(\.provider)
        case "media_kind": return text(\.mediaKind)
        case "language": return text(\.language)
        case "severity": return text(\.severity)
        case "review_status": return text(\.reviewStatus)
        case "description": return text(\.description)
        case "first_seen": return text(\.firstSeen)
        case "last_seen": return text(\.lastSeen)
        case "expires_at": return text(\.expiresAt)
        case "quality", "confidence":
            if consumeLiteral("null") { return true }
            guard let number = integer() else { return false }
            if key == "quality" { draft.quality = number } else { draft.confidence = number }
            return true
        case "path_prefix":
            if consumeLiteral("null") { return true }
            if consumeLiteral("true") { draft.pathPrefix = true } else if consumeLiteral("false") { draft.pathPrefix = false } else { return false }
            return true
        case "tags", "related":
            if consumeLiteral("null") { return true }
            guard let list = stringArray() else { return false }
            if key == "tags" { draft.tags = list } else { draft.related = list }
            return true
        case "audience":
            if consumeLiteral("null") { return true }
            skipWhitespace()
            if peek == UInt8(ascii: "[") {
                guard let list = stringArray() else { return false }
                draft.audience = AudienceText(list.joined(separator: ","), isList: true)
            } else {
                guard let value = string() else { return false }
                draft.audience = AudienceText(value)
            }
            return true
        case "transaction":
            // Rare in bulk imports: let JSONDecoder handle it.
            return false
        default:
            return false
        }
    }

    // MARK: - JSON pieces

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
            index += 1
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard peek == byte else { return false }
        index += 1
        return true
    }

    private mutating func consumeLiteral(_ literal: StaticString) -> Bool {
        skipWhitespace()
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let matches = literal.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        if matches { index += count }
        return matches
    }

    private struct Wrapped {
        var value: String?
    }

    private mutating func optionalString() -> Wrapped? {
        if consumeLiteral("null") { return Wrapped(value: nil) }
        guard let value = string() else { return nil }
        return Wrapped(value: value)
    }

    private mutating func stringArray() -> [String]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var list: [String] = []
        if consume(UInt8(ascii: "]")) { return list }
        repeat {
            guard let item = string() else { return nil }
            list.append(item)
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]")) ? list : nil
    }

    private mutating func integer() -> Int? {
        skipWhitespace()
        var negative = false
        if peek == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var value = 0
        var digits = 0
        while let byte = peek, byte >= 0x30, byte <= 0x39 {
            guard digits < 15 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            digits += 1
            index += 1
        }
        // Fractions and exponents go to JSONDecoder, which refuses or converts them as it does for the API.
        guard digits > 0, peek != UInt8(ascii: "."), peek != UInt8(ascii: "e"), peek != UInt8(ascii: "E") else { return nil }
        if digits > 1, bytes[index - digits] == 0x30 { return nil }
        return negative ? -value : value
    }

    /// A string without escapes is read in place; one with escapes goes to JSONDecoder.
    private mutating func string() -> String? {
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

    private mutating func atEnd() -> Bool {
        skipWhitespace()
        return index == bytes.count
    }
}
