public import Hummingbird
public import LanternStore

/// The request context of the local API: the authenticated token, once the auth middleware has run.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var token: TokenInfo?
    /// The client's IP address as the node saw it (a reverse proxy's, behind one), for the audit log and throttling.
    public let remoteAddress: String
    /// Whether the connection comes from this machine (or from no network at all, as in tests in process).
    public let remoteIsLoopback: Bool
    var bodyLimit: Int

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        token = nil
        let ip = source.channel.remoteAddress?.ipAddress
        remoteAddress = ip ?? "unknown"
        remoteIsLoopback = ip.map { $0.hasPrefix("127.") || $0 == "::1" || $0.hasPrefix("::ffff:127.") } ?? true
        bodyLimit = 4 * 1024 * 1024
    }

    public var maxUploadSize: Int { bodyLimit }
}
