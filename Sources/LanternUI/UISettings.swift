public import Foundation

/// Where the UI may be reached from and how its cookie is set.
public struct UISettings: Sendable {
    /// Host names accepted in `Host` and `Origin`: loopback, the API's host and the public address's host. Any
    /// other name is refused, which defeats DNS rebinding.
    public var allowedHosts: Set<String>
    /// Set when the UI is behind a TLS proxy: its host, whose requests arrived over TLS.
    public var publicHost: String?
    /// The public address's port, when it names one.
    public var publicPort: Int?
    /// The largest file an upload may send, in bytes; a larger one is refused as it arrives.
    public var maxUploadBytes = 256 * 1_048_576

    public init(apiHost: String, publicURL: URL?) {
        var hosts: Set<String> = ["127.0.0.1", "localhost", "::1"]
        if !["0.0.0.0", "::", ""].contains(apiHost) { hosts.insert(apiHost.lowercased()) }
        publicHost = publicURL?.host?.lowercased()
        publicPort = publicURL?.port
        if let publicHost { hosts.insert(publicHost) }
        allowedHosts = hosts
    }

    /// Told it is behind TLS, the node sets only `Secure` cookies, with the `__Host-` prefix.
    var secureCookies: Bool { publicHost != nil }

    var cookieName: String { secureCookies ? "__Host-lantern_session" : "lantern_session" }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The port of a `Host` header, if it names one.
    static func port(_ authority: String) -> Int? {
        let afterHost = authority.hasPrefix("[") ? authority.split(separator: "]", maxSplits: 1).dropFirst().first.map(String.init) ?? "" : authority
        guard let colon = afterHost.lastIndex(of: ":") else { return nil }
        return Int(afterHost[afterHost.index(after: colon)...])
    }

    /// The host name of a `Host` header or URL authority, lower case, without its port.
    static func hostName(_ authority: String) -> String {
        let lowered = authority.lowercased()
        // A bare IPv6 address, as a URL's host gives it.
        if !lowered.hasPrefix("[") && lowered.filter({ $0 == ":" }).count > 1 { return lowered }
        if lowered.hasPrefix("["), let end = lowered.firstIndex(of: "]") {
            return String(lowered[lowered.index(after: lowered.startIndex)..<end])
        }
        return String(lowered.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
