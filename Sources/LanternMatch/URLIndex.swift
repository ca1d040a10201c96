public import LanternCore

/// URL and domain signals, matched against URLs in canonical form:
/// - a URL signal matches the same canonical URL;
/// - a URL signal marked `path_prefix` also matches every URL under its path, on the same scheme, host and port
///   (`https://x.example/a/` covers `https://x.example/a/b`; `https://x.example/a` covers `/a`, `/a/…` and `/a?…`,
///   not `/ab`);
/// - a domain signal matches every URL on that host and its subdomains, and a domain item on them.
public struct URLIndex: Sendable {
    private var exact: [String: Set<SignalID>] = [:]
    /// Path-prefix signals by scheme, host and port, with their paths.
    private var prefixes: [String: [SignalID: String]] = [:]
    private var domains: [String: Set<SignalID>] = [:]
    private var held: [SignalID: Entry] = [:]

    enum Entry: Sendable {
        case url(String, origin: String?)
        case domain(String)
    }

    public init() {}

    public var count: Int { held.count }

    /// Adds a signal of type `url` (its value in canonical form) or `domain`.
    public mutating func insert(_ signal: SignalID, type: SignalType, value: String, attributes: SignalAttributes) {
        remove(signal)
        switch type {
        case .domain:
            domains[value, default: []].insert(signal)
            held[signal] = .domain(value)
        case .url:
            exact[value, default: []].insert(signal)
            var origin: String?
            if attributes.pathPrefix == true, let url = try? URLCanonicalizer.canonicalize(value) {
                origin = Self.origin(of: url)
                prefixes[origin!, default: [:]][signal] = url.path
            }
            held[signal] = .url(value, origin: origin)
        default:
            return
        }
    }

    public mutating func remove(_ signal: SignalID) {
        switch held.removeValue(forKey: signal) {
        case .domain(let value):
            domains[value]?.remove(signal)
            if domains[value]?.isEmpty == true { domains[value] = nil }
        case .url(let value, let origin):
            exact[value]?.remove(signal)
            if exact[value]?.isEmpty == true { exact[value] = nil }
            if let origin {
                prefixes[origin]?[signal] = nil
                if prefixes[origin]?.isEmpty == true { prefixes[origin] = nil }
            }
        case nil:
            return
        }
    }

    /// The signals matching a URL in canonical form.
    public func matches(url: URLCanonicalizer.CanonicalURL) -> [ValueMatch] {
        var found = (exact[url.string] ?? []).map { ValueMatch(signal: $0, reason: .exact) }
        for (signal, path) in prefixes[Self.origin(of: url)] ?? [:]
        where Self.path(url.path, isUnder: path) && !(exact[url.string]?.contains(signal) ?? false) {
            found.append(ValueMatch(signal: signal, reason: .pathPrefix(path)))
        }
        found += matches(host: url.host).map { ValueMatch(signal: $0.signal, reason: $0.reason) }
        return found.sorted { $0.signal < $1.signal }
    }

    /// The domain signals matching a host: its own and those of every parent domain.
    public func matches(host: String) -> [ValueMatch] {
        var found: [ValueMatch] = []
        var candidate = Substring(host)
        while !candidate.isEmpty {
            for signal in domains[String(candidate)] ?? [] { found.append(ValueMatch(signal: signal, reason: .domain(String(candidate)))) }
            guard let dot = candidate.firstIndex(of: ".") else { break }
            candidate = candidate[candidate.index(after: dot)...]
        }
        return found.sorted { $0.signal < $1.signal }
    }

    static func origin(of url: URLCanonicalizer.CanonicalURL) -> String {
        url.scheme + "://" + url.host + (url.port.map { ":\($0)" } ?? "")
    }

    /// Whether `path` is `prefix` or lies under it, at a segment boundary.
    static func path(_ path: String, isUnder prefix: String) -> Bool {
        guard path.hasPrefix(prefix) else { return false }
        if path.utf8.count == prefix.utf8.count || prefix.hasSuffix("/") { return true }
        return path.utf8.dropFirst(prefix.utf8.count).first == UInt8(ascii: "/")
    }
}
