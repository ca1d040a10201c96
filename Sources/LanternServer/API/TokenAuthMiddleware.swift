import Foundation
import Hummingbird
import LanternCore
import LanternStore

/// Checks the bearer token of every request but health checks, and records it in the context.
struct TokenAuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let service: SignalService
    let openPaths: Set<String>
    /// Paths under these answer to their own authentication (the UI's sessions).
    var openPrefixes: [String] = []

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if openPaths.contains(path) || openPrefixes.contains(where: { path.hasPrefix($0) }) { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { throw APIError.unauthorized }
        let secret = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard !secret.isEmpty, secret.utf8.count <= 128, let token = try service.authenticate(token: secret) else {
            throw APIError.unauthorized
        }
        var context = context
        context.token = token
        return try await next(request, context)
    }
}

extension APIRequestContext {
    /// Refuses the request unless its token has one of `roles`.
    func require(_ roles: Set<TokenRole>) throws {
        guard let token else { throw APIError.unauthorized }
        guard roles.contains(token.role) else {
            throw APIError.forbidden(
                "A token with role \(token.role.rawValue) may not do this; it needs one of: \(roles.map(\.rawValue).sorted().joined(separator: ", "))."
            )
        }
    }
}
