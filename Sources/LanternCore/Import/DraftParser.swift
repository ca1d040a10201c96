import LanternWire

/// A fast reader for one signal draft in JSON, for imports, where decoding dominates the cost.
///
/// It understands exactly the draft's shape. Anything it does not understand (bad syntax, a wrong JSON type,
/// invalid UTF-8, a number where it expects an integer) makes it return `nil`, and the caller falls back to
/// `JSONDecoder`, which then reports the error with the field's path. A test checks that both agree.
public struct DraftParser {
    private var scanner: JSONScanner

    public static func parse(_ line: UnsafeBufferPointer<UInt8>) -> SignalDraft? {
        var parser = DraftParser(scanner: JSONScanner(bytes: line))
        return parser.object()
    }

    private mutating func object() -> SignalDraft? {
        var draft = SignalDraft()
        var seen: UInt32 = 0
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        if scanner.consume(UInt8(ascii: "}")) { return scanner.atEnd() ? draft : nil }
        repeat {
            guard let key = scanner.string(), scanner.consume(UInt8(ascii: ":")) else { return nil }
            guard field(key, into: &draft, seen: &seen) else { return nil }
        } while scanner.consume(UInt8(ascii: ","))
        guard scanner.consume(UInt8(ascii: "}")) else { return nil }
        return scanner.atEnd() ? draft : nil
    }

    /// Reads one field's value into `draft`. A key given twice (`seen` has a bit per key) gives up: the fallback
    /// refuses the line rather than keep either value.
    private mutating func field(_ key: String, into draft: inout SignalDraft, seen: inout UInt32) -> Bool {
        func first(_ bit: UInt32) -> Bool {
            guard seen & (1 << bit) == 0 else { return false }
            seen |= 1 << bit
            return true
        }
        func text(_ path: WritableKeyPath<SignalDraft, String?>, _ bit: UInt32) -> Bool {
            guard first(bit), let value = optionalString() else { return false }
            draft[keyPath: path] = value.value
            return true
        }
        switch key {
        case "type": return text(\.type, 0)
        case "value": return text(\.value, 1)
        case "platform": return text(\.platform, 2)
        case "provider": return text(\.provider, 3)
        case "media_kind": return text(\.mediaKind, 4)
        case "language": return text(\.language, 5)
        case "severity": return text(\.severity, 6)
        case "review_status": return text(\.reviewStatus, 7)
        case "description": return text(\.description, 8)
        case "first_seen": return text(\.firstSeen, 9)
        case "last_seen": return text(\.lastSeen, 10)
        case "expires_at": return text(\.expiresAt, 11)
        case "quality", "confidence":
            guard first(key == "quality" ? 12 : 13) else { return false }
            if scanner.consumeLiteral("null") { return true }
            guard let number = integer() else { return false }
            if key == "quality" { draft.quality = number } else { draft.confidence = number }
            return true
        case "path_prefix":
            guard first(14) else { return false }
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
            guard first(key == "tags" ? 15 : 16) else { return false }
            if scanner.consumeLiteral("null") { return true }
            guard let list = scanner.strings() else { return false }
            if key == "tags" { draft.tags = list } else { draft.related = list }
            return true
        case "audience":
            guard first(17) else { return false }
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
