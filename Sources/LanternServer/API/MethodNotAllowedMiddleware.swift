import Hummingbird

/// Answers a request to a known path with a method it does not serve with 405 and an `Allow` header, where the router
/// alone would answer 404.
///
/// Added to the router after every route, so it wraps only the router's not-found responder: a request that matched a
/// route never reaches it.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    private let routes: [(path: RouterPath, methods: [HTTPRequest.Method])]

    init(routes: [Router<Context>.RouteDescription]) {
        var byPath: [String: (path: RouterPath, methods: [HTTPRequest.Method])] = [:]
        for route in routes {
            byPath[route.path.description, default: (route.path, [])].methods.append(route.method)
        }
        self.routes = byPath.values.sorted { $0.path.description < $1.path.description }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let methods = allowedMethods(for: request.uri.path)
        guard !methods.isEmpty else { return try await next(request, context) }
        var error = APIError(
            .methodNotAllowed, code: "method_not_allowed",
            message: "\(request.uri.path) does not answer \(request.method.rawValue); it answers \(methods.joined(separator: ", ")).")
        error.extraHeaders[.allow] = methods.joined(separator: ", ")
        throw error
    }

    /// The methods the routes at `path` answer, in alphabetical order; empty when no route has this path.
    ///
    /// Where a literal route and a captured one both fit (`/v1/signals/batch` and `/v1/signals/{id}`), the router
    /// takes the literal one, and so does this.
    func allowedMethods(for path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var best = -1
        var methods: Set<String> = []
        for route in routes where route.path.components.count == segments.count {
            guard zip(route.path.components, segments).allSatisfy({ element, segment in element ~= segment }) else { continue }
            let literals = route.path.components.filter { $0 == .path(Substring($0.description)) }.count
            if literals > best {
                best = literals
                methods = []
            }
            if literals == best { methods.formUnion(route.methods.map(\.rawValue)) }
        }
        return methods.sorted()
    }
}
