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
}
