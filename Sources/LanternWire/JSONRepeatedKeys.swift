/// Finds an object key given twice in a JSON text, so a body that says two things about one field is refused rather
/// than read one way here and another way elsewhere (`JSONDecoder` keeps one of the values, silently).
///
/// Keys are compared as `JSONDecoder` compares them, after their escapes are decoded (`"a"` and `"\u0061"` are
/// one key). Anything that is not well-formed JSON returns nil: the decoder that runs next names that error.
public enum JSONRepeatedKeys {
    /// The path of the first repeated key (`"context.description"`, `"tags[2].id"`), or nil.
    public static func first(in bytes: some Collection<UInt8>) -> String? {
        let text = Array(bytes)
        var reader = Reader(bytes: text)
        return reader.value(path: "", depth: 0) ?? nil
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        /// The deepest nesting looked into: deeper input is left to the decoder, which refuses it.
        static let maxDepth = 128

        mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// Reads one value. - Returns: nil when it is not well-formed; `.some(nil)` when it has no repeated key;
        ///   `.some(path)` at the first one.
        mutating func value(path: String, depth: Int) -> String?? {
            guard depth < Self.maxDepth else { return nil }
            skipWhitespace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                return object(path: path, depth: depth)
            case UInt8(ascii: "["):
                index += 1
                if consume(UInt8(ascii: "]")) { return .some(nil) }
                var position = 0
                repeat {
                    guard let found = value(path: "\(path)[\(position)]", depth: depth + 1) else { return nil }
                    if let found { return found }
                    position += 1
                } while consume(UInt8(ascii: ","))
                return consume(UInt8(ascii: "]")) ? .some(nil) : nil
            case UInt8(ascii: "\""):
                return string() == nil ? nil : .some(nil)
            default:
                // A number or a literal: skipped up to the next delimiter; the decoder checks its form.
                let start = index
                while index < bytes.count, !",]} \t\r\n".utf8.contains(bytes[index]) { index += 1 }
                return index > start ? .some(nil) : nil
            }
        }

        mutating func object(path: String, depth: Int) -> String?? {
            index += 1
            if consume(UInt8(ascii: "}")) { return .some(nil) }
            var keys = Set<String>()
            repeat {
                skipWhitespace()
                guard let key = string(), consume(UInt8(ascii: ":")) else { return nil }
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                guard keys.insert(key).inserted else { return .some(keyPath) }
                guard let found = value(path: keyPath, depth: depth + 1) else { return nil }
                if let found { return found }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "}")) ? .some(nil) : nil
        }

        /// A string with its escapes decoded, or nil when it is malformed.
        mutating func string() -> String? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            var scalars = String.UnicodeScalarView()
            var run: [UInt8] = []
            func flush() -> Bool {
                guard !run.isEmpty else { return true }
                guard let text = String(validating: run, as: UTF8.self) else { return false }
                scalars.append(contentsOf: text.unicodeScalars)
                run.removeAll(keepingCapacity: true)
                return true
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return flush() ? String(scalars) : nil
                case UInt8(ascii: "\\"):
                    guard flush(), index < bytes.count else { return nil }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(Unicode.Scalar(escape))
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        guard let scalar = unicodeEscape() else { return nil }
                        scalars.append(scalar)
                    default: return nil
                    }
                case 0..<0x20:
                    return nil
                default:
                    run.append(byte)
                }
            }
            return nil
        }

        /// The scalar of a `\u` escape (after the `u`), a surrogate pair taken whole.
        mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let high = hex4() else { return nil }
            guard (0xD800...0xDBFF).contains(high) else { return Unicode.Scalar(high) }
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
            index += 2
            guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for byte in bytes[index..<(index + 4)] {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value << 4 | UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
            }
            index += 4
            return value
        }
    }
}
