import Hummingbird
import LanternCore
import LanternServer

/// Reads the session cookie and puts the session it names, if it lasts, in the context.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = UIRequestContext
    let accounts: AccountService
    let settings: UISettings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // Only what a session id can be (64 hex digits) reaches the store.
        if let id = request.cookies[settings.cookieName]?.value, id.utf8.count == 64, Hex.decode(id) != nil {
            context.session = try accounts.activeSession(id)
            context.sessionID = context.session == nil ? nil : id
        }
        guard let session = context.session, session.session.complete else { return try await next(request, context) }
        // What the pages read and change of signals is recorded under the person.
        let scope = AuditScope(actor: .user(session.user.name.rawValue), address: context.remoteAddress)
        return try await AuditScope.$current.withValue(scope) { [context] in try await next(request, context) }
    }
}

extension UISettings {
    /// The session cookie: `HttpOnly`, `SameSite=Strict`, for the whole node, and `Secure` behind TLS.
    func sessionCookie(_ id: String) -> Cookie {
        Cookie(name: cookieName, value: id, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    func expiredCookie() -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }
}
