import Foundation
import Hummingbird
import LanternCore
import LanternServer

/// The login: name and password, then the authenticator's code (or, at the first login, its enrolment and the
/// recovery codes). Each step's session id changes when the second factor is passed.
struct LoginPages: Sendable {
    let accounts: AccountService
    let pages: PageRenderer
    let settings: UISettings

    func register(on group: RouterGroup<UIRequestContext>) {
        group.get("login", use: showLogin)
        group.post("login", use: login)
        group.get("login/code", use: showCode)
        group.post("login/code", use: passCode)
        group.get("login/enrol", use: showEnrolment)
        group.post("login/enrol", use: confirmEnrolment)
        group.post("logout", use: logout)
    }

    struct LoginForm: Decodable {
        var name: String?
        var password: String?
    }

    struct CodeForm: Decodable {
        var code: String?
        var csrf: String?
    }

    @Sendable func showLogin(_ request: Request, context: UIRequestContext) async throws -> Response {
        if context.session?.session.complete == true { throw UIRedirect(to: "/ui/") }
        return pages.page("login", title: "Log in", context: context)
    }

    @Sendable func login(_ request: Request, context: UIRequestContext) async throws -> Response {
        var request = request
        let form = try await request.form(LoginForm.self, context: context)
        let name = form.name?.trimmingCharacters(in: .whitespaces) ?? ""
        do {
            let (id, next) = try await accounts.login(
                name: name, password: form.password ?? "", address: context.remoteAddress,
                userAgent: request.headers[.userAgent] ?? "")
            var response = Response(status: .seeOther, headers: [.location: next == .enrol ? "/ui/login/enrol" : "/ui/login/code"])
            response.setCookie(settings.sessionCookie(id))
            return response
        } catch let error as AccountError {
            var response = pages.page(
                "login", title: "Log in", context: context, values: ["error": error.description, "name": name],
                status: error.retryAfter == nil ? .unauthorized : .tooManyRequests)
            if let wait = error.retryAfter { response.headers[.retryAfter] = String(wait) }
            return response
        }
    }

    @Sendable func showCode(_ request: Request, context: UIRequestContext) async throws -> Response {
        guard let session = context.session, !session.session.complete, session.user.hasSecondFactor else { throw UIRedirect(to: "/ui/login") }
        return pages.page("code", title: "Second factor", context: context)
    }

    @Sendable func passCode(_ request: Request, context: UIRequestContext) async throws -> Response {
        var request = request
        let form = try await request.form(CodeForm.self, context: context)
        guard let id = context.sessionID else { throw UIRedirect(to: "/ui/login") }
        try context.checkCSRF(form.csrf)
        do {
            let newID = try accounts.passSecondFactor(sessionID: id, code: form.code ?? "", address: context.remoteAddress)
            var response = Response(status: .seeOther, headers: [.location: "/ui/"])
            response.setCookie(settings.sessionCookie(newID))
            return response
        } catch let error as AccountError where error != .noSession {
            var response = pages.page("code", title: "Second factor", context: context, values: ["error": error.description], status: .unauthorized)
            if let wait = error.retryAfter { response.headers[.retryAfter] = String(wait) }
            return response
        } catch is AccountError {
            throw UIRedirect(to: "/ui/login")
        }
    }

    @Sendable func showEnrolment(_ request: Request, context: UIRequestContext) async throws -> Response {
        guard let id = context.sessionID, let session = context.session, !session.session.complete, !session.user.hasSecondFactor else {
            throw UIRedirect(to: "/ui/login")
        }
        let offer = try accounts.pendingEnrolment(sessionID: id) ?? accounts.beginEnrolment(sessionID: id)
        return pages.enrolment(offer, action: "/ui/login/enrol", context: context)
    }

    @Sendable func confirmEnrolment(_ request: Request, context: UIRequestContext) async throws -> Response {
        var request = request
        let form = try await request.form(CodeForm.self, context: context)
        guard let id = context.sessionID else { throw UIRedirect(to: "/ui/login") }
        try context.checkCSRF(form.csrf)
        do {
            let (codes, newID) = try accounts.confirmEnrolment(sessionID: id, code: form.code ?? "", address: context.remoteAddress)
            var after = context
            after.session = try accounts.activeSession(newID)
            var response = pages.page("recovery", title: "Recovery codes", context: after, values: ["codes": codes, "next": "/ui/"])
            response.setCookie(settings.sessionCookie(newID))
            return response
        } catch let error as AccountError where error != .noSession {
            guard let offer = try accounts.pendingEnrolment(sessionID: id) else { throw UIRedirect(to: "/ui/login") }
            return pages.enrolment(offer, action: "/ui/login/enrol", context: context, error: error.description)
        } catch is AccountError {
            throw UIRedirect(to: "/ui/login")
        }
    }

    @Sendable func logout(_ request: Request, context: UIRequestContext) async throws -> Response {
        var request = request
        let form = try await request.form(CodeForm.self, context: context)
        if let id = context.sessionID {
            try context.checkCSRF(form.csrf)
            try accounts.logout(sessionID: id, address: context.remoteAddress)
        }
        var response = Response(status: .seeOther, headers: [.location: "/ui/login"])
        response.setCookie(settings.expiredCookie())
        return response
    }
}

extension PageRenderer {
    /// The enrolment page: the key as a QR code and as text, and the form that confirms it with a code.
    func enrolment(_ offer: EnrolmentOffer, action: String, context: UIRequestContext, error: String? = nil) -> Response {
        var values: [String: Any] = ["key": offer.key, "action": action, "qr": QRCode(bytes: Array(offer.address.utf8))?.svg ?? ""]
        if let error { values["error"] = error }
        return page("enrol", title: "Set up your authenticator", context: context, values: values, status: error == nil ? .ok : .unauthorized)
    }
}
