/// A participant's identifier in the program: lowercase letters, digits, `.`, `_` and `-`, 1 to 64 characters,
/// starting with a letter or digit (for example `alpha` or `bank-one`).
public struct ParticipantID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Validates `rawValue`, or returns `nil` when it is not a well-formed participant id.
    public init?(_ rawValue: String) {
        guard Self.isValid(rawValue), !Self.reserved.contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Words that name audiences, so they can never be participant ids.
    static let reserved: Set<String> = ["all", "financial", "allowlist"]

    /// The rule in one sentence, for error messages.
    public static let rule =
        "A participant id has 1 to 64 lowercase letters, digits, '.', '_' or '-', starts with a letter or digit, and is not 'all', 'financial' or 'allowlist'."

    static func isValid(_ s: String) -> Bool {
        guard (1...64).contains(s.utf8.count) else { return false }
        for (i, b) in s.utf8.enumerated() {
            let alnum = (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
            if i == 0 {
                guard alnum else { return false }
            } else {
                guard alnum || b == 0x2E || b == 0x5F || b == 0x2D else { return false }
            }
        }
        return true
    }
}

extension ParticipantID: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let id = ParticipantID(raw) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: Self.rule)
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
