/// A tag as applied to a signal: a taxonomy tag id and, for parameterised tags, the parameter
/// (`platform:discord`, `report_id:12345`).
public struct TagRef: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let id: String
    public let parameter: String?

    public init(id: String, parameter: String? = nil) {
        self.id = id
        self.parameter = parameter
    }

    /// The text form: `id` or `id:parameter`.
    public var description: String {
        if let parameter { return "\(id):\(parameter)" }
        return id
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }

    /// Whether `id` (its UTF-8 bytes) is a well-formed tag id: 1 to 64 of `a-z`, `0-9` and `_`.
    @inlinable
    public static func isValidID(_ id: some Collection<UInt8>) -> Bool {
        !id.isEmpty && id.count <= 64 && id.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }
}
