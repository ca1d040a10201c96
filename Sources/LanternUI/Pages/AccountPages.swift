import Foundation
import Hummingbird
import LanternCore
import LanternServer
import LanternStore

/// A person's own account: password, authenticator, recovery codes and sessions.
struct AccountPages: Sendable {
    let accounts: AccountService
    let pages: PageRenderer
    let settings: UISettings

    func register(on group: RouterGroup<UIRequestContext>) {
        group.get("account", use: show)
        group.get("account/password", use: showPassword)
        group.post("account/password", use: changePassword)
        group.post("account/enrol", use: beginEnrolment)
        group.get("account/enrol", use: showEnrolment)
        group.post("account/enrol/confirm", use: confirmEnrolment)
        group.post("account/recovery-codes", use: newRecoveryCodes)
        group.post("account/sessions/end", use: endSession)
        group.post("account/tokens/revoke", use: revokeToken)
    }

    struct PasswordForm: Decodable {
        var csrf: String?
        var currentPassword: String?
        var newPassword: String?

        enum CodingKeys: String, CodingKey {
            case csrf
            case currentPassword = "current_password"
            case newPassword = "new_password"
        }
    }

    struct CSRFForm: Decodable {
        var csrf: String?
        var code: String?
        var session: String?
        var password: String?
        var token: String?
    }

    /// What a redirect's `done` names, said to the person on the account page.
    static let notices = [
        "password": "Your password is changed; your other sessions ended.",
        "enrolled": "Your new authenticator is set up; the old one no longer works.",
        "session": "The session ended.",
        "token": "The token is revoked; it no longer works.",
    ]

    @Sendable func show(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try context.requireUser()
        let done = request.uri.queryParameters["done"].map(String.init)
        return try accountPage(session, context: context, values: done.flatMap { Self.notices[$0] }.map { ["notice": $0] } ?? [:])
    }

    func accountPage(
        _ session: ActiveSession, context: UIRequestContext, values extra: [String: Any], status: HTTPResponse.Status = .ok
    ) throws
        -> Response
    {
        let sessions = try accounts.sessions(of: session.user).filter(\.complete).map { item -> [String: Any] in
            [
                "label": item.label, "started": PageRenderer.minute(item.createdAt), "last_seen": PageRenderer.minute(item.lastSeenAt),
                "address": item.address, "agent": item.userAgent, "current": item.label == session.session.label,
            ]
        }
        var values: [String: Any] = [
            "name": session.user.name.rawValue, "role": session.user.role.rawValue, "sessions": sessions,
            "recovery_left": try accounts.recoveryCodesLeft(for: session.user), "nav_account": true,
            "tokens": try accounts.tokens(of: session.user).map { token -> [String: Any] in
                [
                    "id": token.id, "name": token.name, "role": token.role.rawValue, "created": PageRenderer.minute(token.createdAt),
                    "state": token.revokedAt.map { "revoked " + PageRenderer.minute($0) } ?? "active", "active": token.revokedAt == nil,
                ]
            },
        ]
        values.merge(extra) { $1 }
        return pages.page("account", title: "Your account", context: context, values: values, status: status)
    }

    @Sendable func showPassword(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try context.requireUser(allowingPasswordChange: true)
        return passwordPage(session, context: context)
    }

    func passwordPage(
        _ session: ActiveSession, context: UIRequestContext, values extra: [String: Any] = [:], status: HTTPResponse.Status = .ok
    )
        -> Response
    {
        var values: [String: Any] = ["forced": session.user.mustChangePassword, "minimum": accounts.configuration.passwordRules.minimumLength]
        values.merge(extra) { $1 }
        return pages.page("password", title: "Choose a password", context: context, values: values, status: status)
    }

    @Sendable func changePassword(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try context.requireUser(allowingPasswordChange: true)
        var request = request
        let form = try await request.form(PasswordForm.self, context: context)
        try context.checkCSRF(form.csrf)
        do {
            try await accounts.changePassword(
                session: session, current: form.currentPassword ?? "", new: form.newPassword ?? "", address: context.remoteAddress)
        } catch let error as ValidationError {
            return passwordPage(session, context: context, values: ["\(error.field)_error": error.reason], status: .unprocessableContent)
        } catch let error as AccountError {
            return passwordPage(session, context: context, values: ["current_password_error": error.description], status: .unprocessableContent)
        }
        throw UIRedirect(to: "/ui/account?done=password")
    }

    /// Checks the form's current password; a wrong one shows the account page again with the reason.
    func confirmingPassword(_ form: CSRFForm, session: ActiveSession, context: UIRequestContext) async throws -> Response? {
        try context.checkCSRF(form.csrf)
        do {
            try await accounts.confirmPassword(session: session, password: form.password ?? "", address: context.remoteAddress)
            return nil
        } catch let error as AccountError {
            return try accountPage(session, context: context, values: ["signin_error": error.description], status: .unprocessableContent)
        }
    }

    @Sendable func beginEnrolment(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try context.requireUser()
        var request = request
        let form = try await request.form(CSRFForm.self, context: context)
        if let refused = try await confirmingPassword(form, session: session, context: context) { return refused }
        _ = try accounts.beginEnrolment(sessionID: context.sessionID ?? "")
        throw UIRedirect(to: "/ui/account/enrol")
    }

    @Sendable func showEnrolment(_ request: Request, context: UIRequestContext) async throws -> Response {
        _ = try context.requireUser()
        guard let offer = try accounts.pendingEnrolment(sessionID: context.sessionID ?? "") else { throw UIRedirect(to: "/ui/account") }
        return pages.enrolment(offer, action: "/ui/account/enrol/confirm", context: context)
    }

    @Sendable func confirmEnrolment(_ request: Request, context: UIRequestContext) async throws -> Response {
        _ = try context.requireUser()
        var request = request
        let form = try await request.form(CSRFForm.self, context: context)
        try context.checkCSRF(form.csrf)
        let id = context.sessionID ?? ""
        do {
            let (codes, _) = try accounts.confirmEnrolment(sessionID: id, code: form.code ?? "", address: context.remoteAddress)
            return pages.page("recovery", title: "Recovery codes", context: context, values: ["codes": codes, "next": "/ui/account?done=enrolled"])
        } catch let error as AccountError {
            guard let offer = try accounts.pendingEnrolment(sessionID: id) else { throw UIRedirect(to: "/ui/account") }
            return pages.enrolment(offer, action: "/ui/account/enrol/confirm", context: context, error: error.description)
        }
    }

    @Sendable func newRecoveryCodes(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try context.requireUser()
        var request = request
        let form = try await request.form(CSRFForm.self, context: context)
        if let refused = try await confirmingPassword(form, session: session, context: context) { return refused }
        let codes = try accounts.regenerateRecoveryCodes(for: session.user, address: context.remoteAddress)
        return pages.page("recovery", title: "Recovery codes", context: context, values: ["codes": codes, "next": "/ui/account"])
    }

    @Sendable func endSession(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try context.requireUser()
        var request = request
        let form = try await request.form(CSRFForm.self, context: context)
        try context.checkCSRF(form.csrf)
        _ = try accounts.endSession(label: form.session ?? "", of: session.user, address: context.remoteAddress)
        throw UIRedirect(to: "/ui/account?done=session")
    }

    @Sendable func revokeToken(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try context.requireUser()
        var request = request
        let form = try await request.form(CSRFForm.self, context: context)
        try context.checkCSRF(form.csrf)
        do {
            try accounts.revokeToken(form.token ?? "", by: session.user, address: context.remoteAddress)
        } catch let error as AccountError where error.isForbidden {
            return try accountPage(session, context: context, values: ["signin_error": error.description], status: .forbidden)
        }
        throw UIRedirect(to: "/ui/account?done=token")
    }
}
