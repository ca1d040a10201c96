import Hummingbird
import LanternCore
import LanternStore

/// Puts the request's token in the task's `AuditScope`, so what the request reads or changes of signals is recorded
/// under it (a change in the same transaction as the change).
struct AuditScopeMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = context.token else { return try await next(request, context) }
        let scope = AuditScope(actor: .token(id: token.id, owner: token.owner), address: context.remoteAddress)
        return try await AuditScope.$current.withValue(scope) { try await next(request, context) }
    }
}
