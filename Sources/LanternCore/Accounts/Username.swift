/// A person's login name: 2 to 64 characters, lower-case letters, digits, `.`, `-` and `_`, starting with a
/// letter. Names are compared as written, so two accounts can never differ only by case or look-alike letters.
public struct Username: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(validating raw: String, field: String = "name") throws(ValidationError) {
        let bytes = Array(raw.utf8)
        guard (2...64).contains(bytes.count) else {
            throw ValidationError(field: field, reason: "A user name is 2 to 64 characters long.")
        }
        guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            throw ValidationError(field: field, reason: "A user name starts with a lower-case letter.")
        }
        for byte in bytes where !Self.allowed(byte) {
            throw ValidationError(
                field: field, reason: "A user name holds only lower-case letters, digits, '.', '-' and '_'.")
        }
        rawValue = raw
    }

    public var description: String { rawValue }

    private static func allowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }
}
