public import Hummingbird
import LanternCore
public import LanternServer

/// The request context of the UI's pages: the API's context narrowed to what a page needs, with the browser's
/// session once `SessionMiddleware` has read its cookie.
public struct UIRequestContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's address, for the audit log and login throttling: behind the TLS proxy, the address the proxy
    /// passed on (`BrowserGuardMiddleware`).
    public internal(set) var remoteAddress: String
    /// Whether the connection itself comes from this machine: a browser on it, or the TLS proxy beside the node.
    public let peerIsLoopback: Bool
    /// The cookie's session id, when the browser sent one that is still good.
    var sessionID: String?
    /// The session, complete or waiting for its second factor.
    var session: ActiveSession?

    public init(context: APIRequestContext) throws {
        coreContext = context.coreContext
        remoteAddress = context.remoteAddress
        peerIsLoopback = context.remoteIsLoopback
    }

    /// Forms are small: a body beyond this is refused before it is read.
    public var maxUploadSize: Int { 64 * 1024 }
}

extension UIRequestContext {
    /// The logged-in user's session, or a redirect to the login; a user who must change their password is sent to
    /// that page first.
    func requireUser(allowingPasswordChange: Bool = false) throws -> ActiveSession {
        guard let session, session.session.complete else { throw UIRedirect(to: "/ui/login") }
        if session.user.mustChangePassword && !allowingPasswordChange { throw UIRedirect(to: "/ui/account/password") }
        return session
    }

    /// The logged-in user, if their role has `permission`; otherwise 403, saying "Your role, ROLE, " then `refusal`.
    func requireUser(_ permission: KeyPath<UserRole, Bool>, refusal: String) throws -> ActiveSession {
        let session = try requireUser()
        guard session.user.role[keyPath: permission] else {
            throw UIFailure.forbidden("Your role, \(session.user.role.rawValue), \(refusal)")
        }
        return session
    }

    /// Checks a form's CSRF token against the session's, in constant time.
    func checkCSRF(_ token: String?) throws {
        guard let expected = session?.session.csrfToken, let token else { throw UIFailure.expiredForm }
        let a = Array(expected.utf8)
        let b = Array(token.utf8)
        guard a.count == b.count, zip(a, b).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { throw UIFailure.expiredForm }
    }
}
