import Foundation
public import Hummingbird
import LanternCore
import LanternStore
public import Logging
public import ServiceLifecycle

/// Builds the local API: routes, authentication and error mapping.
public enum LocalAPI {
    /// The router of the local API, for an application or for tests.
    public static func makeRouter(
        service: SignalService, configuration: NodeConfiguration, federation: FederationState? = nil, peerClient: PeerClient? = nil,
        sync: SyncService? = nil, browserPages: BrowserPages? = nil
    ) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: ErrorMappingMiddleware())
        router.add(middleware: BodyLimitMiddleware(limit: configuration.maxBodyBytes))
        router.add(
            middleware: TokenAuthMiddleware(
                service: service, openPaths: Set(["/v1/health", "/v1/ready", "/v1/openapi.json"] + (browserPages == nil ? [] : ["/"])),
                openPrefixes: browserPages.map { [$0.prefix] } ?? []))
        router.add(middleware: AuditScopeMiddleware())
        if let browserPages {
            browserPages.mount(router)
            let home = browserPages.prefix + "/"
            router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: home]) }
        }
        let v1 = router.group("v1")
        HealthRoutes(service: service).register(on: v1)
        OpenAPIRoute().register(on: v1)
        SignalRoutes(service: service, maxBatchItems: configuration.maxBatchItems).register(on: v1)
        ReactionRoutes(service: service).register(on: v1)
        MatchRoutes(
            matches: MatchService(service: service), service: service, policy: configuration.reviewPolicy, maxItems: configuration.maxBatchItems
        ).register(on: v1)
        ReviewRoutes(service: service).register(on: v1)
        ImportRoute(service: service, maxLineBytes: ImportSession.defaultMaxLineBytes).register(on: v1)
        AdminRoutes(service: service).register(on: v1)
        FederationRoutes(state: federation, client: peerClient, sync: sync).register(on: v1)
        // Prometheus scrapes the federation metrics with a reader's token (`authorization` in its scrape config).
        router.get("metrics") { _, context in
            try context.require(.readers)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: federation?.metrics.exposition() ?? [])))
        }
        router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes))
        return router
    }

    /// The local API as an application listening on the configured address.
    public static func makeApplication(
        service: SignalService, configuration: NodeConfiguration, federation: FederationState? = nil, peerClient: PeerClient? = nil,
        sync: SyncService? = nil, browserPages: BrowserPages? = nil, services: [any Service] = [], logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let limits = configuration.connectionLimits
        return Application(
            router: makeRouter(
                service: service, configuration: configuration, federation: federation, peerClient: peerClient, sync: sync,
                browserPages: browserPages),
            server: GuardedServer.http1(limits: limits, counter: ConnectionCounter(limits: limits)),
            configuration: .init(address: .hostname(configuration.apiHost, port: configuration.apiPort), serverName: "LanternNode"),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }
}

/// Pages served beside the API under their own path prefix, with their own authentication: the investigators' UI,
/// which sits above this module and mounts its routes here.
public struct BrowserPages: Sendable {
    /// The path prefix, like `/ui`: the API's token check leaves these paths alone.
    public var prefix: String
    public var mount: @Sendable (Router<APIRequestContext>) -> Void

    public init(prefix: String, mount: @escaping @Sendable (Router<APIRequestContext>) -> Void) {
        self.prefix = prefix
        self.mount = mount
    }
}

/// Sets the body limit of every request from the configuration.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.bodyLimit = limit
        return try await next(request, context)
    }
}

/// `GET /v1/openapi.json`: the API's OpenAPI 3.1 description.
struct OpenAPIRoute {
    func register(on group: RouterGroup<APIRequestContext>) {
        group.get("openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
    }
}
