/// A strict reader of JSON pieces over UTF-8 bytes, for the hand-written parsers on hot paths (imported drafts,
/// bodies received from peers). Every method returns nil or false on anything unexpected, so the caller can fall
/// back to `JSONDecoder`, which then names the error. Strings with escapes are left to `JSONDecoder` too.
public struct JSONScanner {
    public let bytes: UnsafeBufferPointer<UInt8>
    public var index = 0

    @inlinable
    public init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    @inlinable
    public var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    @inlinable
    public mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
            index += 1
        }
    }

    @inlinable
    public mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard peek == byte else { return false }
        index += 1
        return true
    }

    @inlinable
    public mutating func consumeLiteral(_ literal: StaticString) -> Bool {
        skipWhitespace()
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let start = index
        let matches = literal.withUTF8Buffer { expected in (0..<count).allSatisfy { bytes[start + $0] == expected[$0] } }
        if matches { index += count }
        return matches
    }

    /// A string without escapes or control characters, read in place.
    @inlinable
    public mutating func string() -> String? {
        guard let (text, ascii) = quoted() else { return nil }
        // ASCII is valid UTF-8 as it stands; `String(validating:)` is generic, and slow on this path.
        return ascii ? String(decoding: text, as: UTF8.self) : String(validating: text, as: UTF8.self)
    }

    /// The bytes between the quotes of a string without escapes or control characters, and whether they are all
    /// ASCII.
    @inlinable
    mutating func quoted() -> (UnsafeBufferPointer<UInt8>, ascii: Bool)? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        var ascii = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return (UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)]), ascii)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            ascii = ascii && byte < 0x80
            index += 1
        }
        return nil
    }

    /// An array of such strings.
    @inlinable
    public mutating func strings() -> [String]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var list: [String] = []
        if consume(UInt8(ascii: "]")) { return list }
        repeat {
            guard let item = string() else { return nil }
            list.append(item)
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]")) ? list : nil
    }

    /// A whole number of at most `maxDigits` digits, without fraction, exponent or leading zero.
    @inlinable
    public mutating func integer(maxDigits: Int = 18) -> Int64? {
        skipWhitespace()
        let negative = peek == UInt8(ascii: "-")
        if negative { index += 1 }
        let start = index
        var value: Int64 = 0
        while let byte = peek, byte >= 0x30, byte <= 0x39 {
            guard index - start < maxDigits else { return nil }
            value = value * 10 + Int64(byte - 0x30)
            index += 1
        }
        let digits = index - start
        guard digits > 0, peek != UInt8(ascii: "."), peek != UInt8(ascii: "e"), peek != UInt8(ascii: "E") else { return nil }
        if digits > 1, bytes[start] == 0x30 { return nil }
        return negative ? -value : value
    }

    @inlinable
    public mutating func bool() -> Bool? {
        if consumeLiteral("true") { return true }
        if consumeLiteral("false") { return false }
        return nil
    }

    /// Reads an object, calling `field` for each key with the scanner at its value; `field` returns false to give up.
    /// Keys are matched in place (`case "id":` in a switch over a `JSONKey`), never made into strings.
    @inlinable
    public mutating func object(_ field: (inout JSONScanner, JSONKey) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        if consume(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = key(), consume(UInt8(ascii: ":")) else { return false }
            guard field(&self, key) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}"))
    }

    /// An object key in ASCII without escapes, as the bytes between its quotes (every key a parser matches is
    /// ASCII; anything else goes to the fallback decoder, which checks its UTF-8).
    @inlinable
    mutating func key() -> JSONKey? {
        guard let (text, ascii) = quoted(), ascii else { return nil }
        return JSONKey(bytes: text)
    }

    /// Whether only white space is left.
    @inlinable
    public mutating func atEnd() -> Bool {
        skipWhitespace()
        return index == bytes.count
    }
}

/// An object key as read, valid while the scanner's bytes are; `case "name":` matches it byte for byte.
public struct JSONKey {
    public let bytes: UnsafeBufferPointer<UInt8>

    @inlinable
    public init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    @inlinable
    public static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard count == key.bytes.count else { return false }
        let expected = pattern.utf8Start
        for offset in 0..<count where expected[offset] != key.bytes[offset] { return false }
        return true
    }
}
