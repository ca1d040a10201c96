import Foundation
import Hummingbird
import LanternCore
import LanternServer
import LanternStore

/// Users and API tokens, for admins: the same operations as `lantern user` and `lantern token revoke`, each
/// recorded in the audit log under the admin's name.
struct AdminPages: Sendable {
    let accounts: AccountService
    let pages: PageRenderer

    func register(on group: RouterGroup<UIRequestContext>) {
        group.get("admin/users", use: users)
        group.post("admin/users", use: addUser)
        group.post("admin/users/:name/:change", use: changeUser)
        group.get("admin/tokens", use: tokens)
        group.post("admin/tokens/revoke", use: revokeToken)
    }

    static func requireAdmin(_ context: UIRequestContext) throws -> ActiveSession {
        try context.requireUser(\.mayAdminister, refusal: "does not manage users and tokens; admins do.")
    }

    static let notices = [
        "disable": "The user is disabled: every session and token of theirs stopped at once.",
        "enable": "The user is enabled again.",
        "unlock": "The user is unlocked and may log in again.",
        "revoked": "The token is revoked; it no longer works.",
    ]

    @Sendable func users(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try Self.requireAdmin(context)
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        return try usersPage(session, context: context, values: notice.map { ["notice": $0] } ?? [:])
    }

    func usersPage(
        _ session: ActiveSession, context: UIRequestContext, values extra: [String: Any], status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var values = extra
        values["nav_admin"] = true
        values["roles"] = SignalPages.options(UserRole.allCases.map(\.rawValue), selected: "investigator")
        values["users"] = try accounts.users().map { user -> [String: Any] in
            [
                "name": user.name.rawValue, "role": user.role.rawValue, "state": user.state, "failed": user.failedLogins,
                "created": PageRenderer.minute(user.createdAt), "self": user.id == session.user.id,
                "disabled": user.disabledAt != nil, "locked": user.lockedAt != nil,
            ]
        }
        return pages.page("admin_users", title: "Users", context: context, values: values, status: status)
    }

    struct UserForm: Decodable {
        var csrf: String?
        var name: String?
        var role: String?
    }

    /// Adds a user; the temporary password is shown once, to hand over in person.
    @Sendable func addUser(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try Self.requireAdmin(context)
        var request = request
        let form = try await request.form(UserForm.self, context: context)
        try context.checkCSRF(form.csrf)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        guard let role = form.role.flatMap(UserRole.init(rawValue:)) else {
            return try usersPage(session, context: context, values: ["role_error": "Choose a role: \(UserRole.namesList)."], status: .badRequest)
        }
        do {
            let (user, password) = try await accounts.addUser(
                name: name, role: role, by: .user(session.user.name.rawValue), address: context.remoteAddress)
            return secret(user: user, password: password, heading: "User \(user.name) added", context: context)
        } catch let error as ValidationError {
            return try usersPage(session, context: context, values: ["name_error": error.reason, "name": name], status: .badRequest)
        } catch let error as StoreError {
            return try usersPage(session, context: context, values: ["name_error": error.description, "name": name], status: .conflict)
        }
    }

    /// A temporary password, shown once and never stored in the clear.
    func secret(user: UserAccount, password: String, heading: String, context: UIRequestContext) -> Response {
        var response = pages.page(
            "admin_secret", title: heading, context: context,
            values: ["nav_admin": true, "heading": heading, "name": user.name.rawValue, "role": user.role.rawValue, "password": password])
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Disables, enables, unlocks or resets a user. An admin does not disable or reset themselves here: it would
    /// lock them out of the page that undoes it.
    @Sendable func changeUser(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try Self.requireAdmin(context)
        var request = request
        let form = try await request.form(UserForm.self, context: context)
        try context.checkCSRF(form.csrf)
        let name = context.parameters.get("name") ?? ""
        let change = context.parameters.get("change") ?? ""
        let actor = AuditActor.user(session.user.name.rawValue)
        let address = context.remoteAddress
        if name == session.user.name.rawValue, change == "disable" || change == "reset" {
            throw UIFailure.forbidden("You cannot \(change) your own account here; another admin, or `lantern user \(change)` on the home, can.")
        }
        do {
            switch change {
            case "disable", "enable": _ = try accounts.setDisabled(change == "disable", name: name, by: actor, address: address)
            case "unlock": _ = try accounts.unlock(name: name, by: actor, address: address)
            case "reset":
                let (user, password) = try await accounts.reset(name: name, by: actor, address: address)
                return secret(user: user, password: password, heading: "User \(user.name) reset", context: context)
            default: throw UIFailure(status: .notFound, heading: "Not found", message: "There is no such page.")
            }
        } catch let error as StoreError where error.isNotFound {
            throw UIFailure(status: .notFound, heading: "Not found", message: error.description)
        }
        return Response(status: .seeOther, headers: [.location: "/ui/admin/users?done=\(change)"])
    }

    @Sendable func tokens(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try Self.requireAdmin(context)
        var values: [String: Any] = ["nav_admin": true]
        values["tokens"] = try accounts.allTokens(by: session.user).map { token -> [String: Any] in
            [
                "id": token.id, "name": token.name, "role": token.role.rawValue, "owner": token.owner ?? "none (made before named users)",
                "created": PageRenderer.minute(token.createdAt), "active": token.revokedAt == nil,
                "state": token.revokedAt.map { "revoked " + PageRenderer.minute($0) } ?? "active",
            ]
        }
        if request.uri.queryParameters["done"] == "revoked" { values["notice"] = Self.notices["revoked"] }
        return pages.page("admin_tokens", title: "API tokens", context: context, values: values)
    }

    struct TokenForm: Decodable {
        var csrf: String?
        var token: String?
    }

    @Sendable func revokeToken(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try Self.requireAdmin(context)
        var request = request
        let form = try await request.form(TokenForm.self, context: context)
        try context.checkCSRF(form.csrf)
        do {
            try accounts.revokeAnyToken(form.token ?? "", by: session.user, address: context.remoteAddress)
        } catch let error as AccountError where error.isForbidden {
            throw UIFailure(status: .notFound, heading: "Not found", message: error.description)
        }
        return Response(status: .seeOther, headers: [.location: "/ui/admin/tokens?done=revoked"])
    }
}
