/// Who may receive a signal.
public enum Audience: Hashable, Sendable, CustomStringConvertible {
    /// Every tech participant; never a financial institution.
    case all
    /// Only the listed participants (and the origin). A 1:1 share is an allowlist of one.
    case allowlist(Set<ParticipantID>)
    /// The segregated financial pool: financial institutions and tech participants that opted in.
    case financial

    /// The text form used by the CLI and the store: `all`, `financial`, or ids joined by commas.
    public var description: String {
        switch self {
        case .all: "all"
        case .financial: "financial"
        case .allowlist(let members): members.sorted().map(\.rawValue).joined(separator: ",")
        }
    }

    /// Parses the text form: `all`, `financial`, or one or more participant ids separated by commas.
    public static func parse(_ text: String) throws(ValueError) -> Audience {
        let trimmed = text.trimmingWhitespace()
        switch trimmed {
        case "all": return .all
        case "financial": return .financial
        case "": throw ValueError("An audience is 'all', 'financial', or a comma-separated list of participant ids.")
        default:
            var members = Set<ParticipantID>()
            for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
                let raw = part.trimmingWhitespace()
                guard let id = ParticipantID(raw) else {
                    throw ValueError("'\(raw)' is not a participant id. \(ParticipantID.rule)")
                }
                members.insert(id)
            }
            return .allowlist(members)
        }
    }

    /// The allowlist's members, or an empty set for the other audiences.
    public var members: Set<ParticipantID> {
        if case .allowlist(let m) = self { return m }
        return []
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        // Fast path: no white space at either end, which is nearly always the case.
        let string = String(self)
        if let first = string.utf8.first, let last = string.utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return string
        }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        guard let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}
