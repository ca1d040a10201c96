import LanternAPI
import LanternMatch

extension MatchReasonResource {
    /// Why a signal matched, as the API returns it and the review queue stores it.
    init(_ reason: MatchReason) {
        switch reason {
        case .exact: self.init(kind: "exact")
        case .pdq(let distance): self.init(kind: "pdq", distance: distance)
        case .domain(let domain): self.init(kind: "domain", domain: domain)
        case .pathPrefix(let path): self.init(kind: "path_prefix", path: path)
        case .keyword(let start, let end): self.init(kind: "keyword", start: start, end: end)
        }
    }
}
