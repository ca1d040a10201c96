import LanternMatch

/// Why a signal matched an item, as the API returns it and the review queue stores it.
struct MatchReasonResource: Codable, Sendable, Equatable {
    var kind: String
    var distance: Int?
    var domain: String?
    var path: String?
    var start: Int?
    var end: Int?

    init(_ reason: MatchReason) {
        switch reason {
        case .exact: kind = "exact"
        case .pdq(let distance): (kind, self.distance) = ("pdq", distance)
        case .domain(let domain): (kind, self.domain) = ("domain", domain)
        case .pathPrefix(let path): (kind, self.path) = ("path_prefix", path)
        case .keyword(let start, let end): (kind, self.start, self.end) = ("keyword", start, end)
        }
    }
}
