import LanternCore

/// A fast reader for one signal draft in JSON, for imports, where decoding dominates the cost.
///
/// It understands exactly the draft's shape. Anything it does not understand (bad syntax, a wrong JSON type,
/// invalid UTF-8, a number where it expects an integer) makes it return `nil`, and the caller falls back to
/// `JSONDecoder`, which then reports the error with the field's path. A test checks that both agree.
struct DraftParser {
    private var scanner: JSONScanner

    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> SignalDraft? {
        var parser = DraftParser(scanner: JSONScanner(bytes: line))
        return parser.object()
    }

    private mutating func object() -> SignalDraft? {
        var draft = SignalDraft()
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        if scanner.consume(UInt8(ascii: "}")) { return scanner.atEnd() ? draft : nil }
        repeat {
            guard let key = scanner.string(), scanner.consume(UInt8(ascii: ":")) else { return nil }
            guard field(key, into: &draft) else { return nil }
        } while scanner.consume(UInt8(ascii: ","))
        guard scanner.consume(UInt8(ascii: "}")) else { return nil }
        return scanner.atEnd() ? draft : nil
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
            if scanner.consumeLiteral("null") { return true }
            guard let number = integer() else { return false }
            if key == "quality" { draft.quality = number } else { draft.confidence = number }
            return true
        case "path_prefix":
            if scanner.consumeLiteral("null") { return true }
            if scanner.consumeLiteral("true") {
                draft.pathPrefix = true
            } else if scanner.consumeLiteral("false") {
                draft.pathPrefix = false
            } else {
                return false
            }
            return true
        case "tags", "related":
            if scanner.consumeLiteral("null") { return true }
            guard let list = scanner.strings() else { return false }
            if key == "tags" { draft.tags = list } else { draft.related = list }
            return true
        case "audience":
            if scanner.consumeLiteral("null") { return true }
            scanner.skipWhitespace()
            if scanner.peek == UInt8(ascii: "[") {
                guard let list = scanner.strings() else { return false }
                draft.audience = AudienceText(list.joined(separator: ","), isList: true)
            } else {
                guard let value = scanner.string() else { return false }
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

    private struct Wrapped {
        var value: String?
    }

    private mutating func optionalString() -> Wrapped? {
        if scanner.consumeLiteral("null") { return Wrapped(value: nil) }
        guard let value = scanner.string() else { return nil }
        return Wrapped(value: value)
    }

    private mutating func integer() -> Int? { scanner.integer(maxDigits: 15).map { Int($0) } }
}
