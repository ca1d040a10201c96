import Foundation
import HTTPTypes
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Testing

@testable import LanternUI

/// The admin pages: users added, disabled, enabled, unlocked and reset, and every token listed and revocable, by
/// admins only, each change in the audit log under the admin's name.
@Suite struct AdminPageTests {
    @Test func anAdminManagesUsers() async throws {
        let harness = try UIHarness()
        try await harness.run { admin in
            _ = try await harness.enrolledUser("ada", role: .admin, in: admin)
            let page = try await admin.get("/ui/admin/users")
            #expect(page.status == .ok && page.html.contains("ada") && page.html.contains(#"<span class="tag">you</span>"#))
            let csrf = page.csrf ?? ""

            let bad = try await admin.post("/ui/admin/users", ["csrf": csrf, "name": "Not A Name!", "role": "investigator"])
            #expect(bad.status == .badRequest && bad.html.contains(#"id="name-error""#))
            let badRole = try await admin.post("/ui/admin/users", ["csrf": csrf, "name": "ben", "role": "owner"])
            #expect(badRole.status == .badRequest && badRole.html.contains(#"id="role-error""#))
            #expect(try harness.accounts.user(named: "ben") == nil)

            let added = try await admin.post("/ui/admin/users", ["csrf": csrf, "name": "ben", "role": "investigator"])
            #expect(added.status == .ok && added.headers[.cacheControl] == "no-store")
            let password = try #require(added.first(#"id="temporary-password">([A-Za-z0-9]{20})<"#))
            #expect(try harness.accounts.user(named: "ben")?.role == .investigator)
            let twice = try await admin.post("/ui/admin/users", ["csrf": csrf, "name": "ben", "role": "auditor"])
            #expect(twice.status == .conflict)

            // ben logs in with the password handed over; disabling him ends his session at once.
            let ben = Browser(client: admin.client)
            let login = try await ben.post("/ui/login", ["name": "ben", "password": password])
            #expect(login.location == "/ui/login/enrol")
            let disabled = try await admin.post("/ui/admin/users/ben/disable", ["csrf": csrf])
            #expect(disabled.status == .seeOther && disabled.location == "/ui/admin/users?done=disable")
            #expect(try harness.accounts.user(named: "ben")?.state == "disabled")
            #expect(try await ben.get("/ui/login/enrol").status != .ok)
            #expect(try await admin.post("/ui/admin/users/ben/enable", ["csrf": csrf]).status == .seeOther)
            #expect(try harness.accounts.user(named: "ben")?.disabledAt == nil)

            let reset = try await admin.post("/ui/admin/users/ben/reset", ["csrf": csrf])
            let newPassword = try #require(reset.first(#"id="temporary-password">([A-Za-z0-9]{20})<"#))
            #expect(newPassword != password)
            #expect(try await admin.post("/ui/admin/users/nobody/unlock", ["csrf": csrf]).status == .notFound)
            #expect(try await admin.post("/ui/admin/users/ben/explode", ["csrf": csrf]).status == .notFound)
            // Not oneself: that would lock the admin out of the page that undoes it.
            #expect(try await admin.post("/ui/admin/users/ada/disable", ["csrf": csrf]).status == .forbidden)
            // A token of the right length that differs in its first digit, whatever that digit is.
            let forged = (csrf.hasPrefix("0") ? "1" : "0") + csrf.dropFirst()
            #expect(try await admin.post("/ui/admin/users/ben/disable", ["csrf": forged]).status == .forbidden)

            let actions = try harness.store.audit.page(AuditFilter(actor: "ada"), limit: 100).map(\.entry.action)
            for action in [AuditAction.userAdd, .userDisable, .userEnable, .userReset] { #expect(actions.contains(action)) }
        }
    }

    @Test func anAdminListsAndRevokesEveryToken() async throws {
        let harness = try UIHarness()
        try await harness.run { admin in
            _ = try await harness.enrolledUser("ada", role: .admin, in: admin)
            let (token, _) = try harness.store.tokens.create(name: "ingest", role: .integration, now: Date())
            let page = try await admin.get("/ui/admin/tokens")
            #expect(page.html.contains(token.id) && page.html.contains("ingest"))
            let revoked = try await admin.post("/ui/admin/tokens/revoke", ["csrf": page.csrf ?? "", "token": token.id])
            #expect(revoked.location == "/ui/admin/tokens?done=revoked")
            #expect(try harness.store.tokens.all().first { $0.id == token.id }?.revokedAt != nil)
            #expect(try await admin.post("/ui/admin/tokens/revoke", ["csrf": page.csrf ?? "", "token": token.id]).status == .notFound)
        }
    }

    @Test func othersAreRefused() async throws {
        let harness = try UIHarness()
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ana", role: .investigator, in: browser)
            let dashboard = try await browser.get("/ui/")
            #expect(!dashboard.html.contains(#"href="/ui/admin/users""#))
            #expect(try await browser.get("/ui/admin/users").status == .forbidden)
            #expect(try await browser.get("/ui/admin/tokens").status == .forbidden)
            #expect(try await browser.post("/ui/admin/users", ["csrf": dashboard.csrf ?? "", "name": "eve", "role": "admin"]).status == .forbidden)
            #expect(try harness.accounts.user(named: "eve") == nil)
        }
    }
}
