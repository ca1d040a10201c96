public import Hummingbird
public import LanternStore

/// The request context of the local API: the authenticated token, once the auth middleware has run.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var token: TokenInfo?
    var bodyLimit: Int

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        token = nil
        bodyLimit = 4 * 1024 * 1024
    }

    public var maxUploadSize: Int { bodyLimit }
}
