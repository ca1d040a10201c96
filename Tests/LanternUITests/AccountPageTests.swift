import Foundation
import HTTPTypes
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Testing

@testable import LanternUI

/// The account page's API tokens: a user sees and revokes their own, and only their own.
@Suite struct AccountPageTests {
    @Test func aUserSeesAndRevokesTheirOwnTokensOnly() async throws {
        let harness = try UIHarness()
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ana", role: .investigator, in: browser)
            let ana = try #require(try harness.accounts.user(named: "ana"))
            _ = try await harness.accounts.addUser(name: "ben", role: .investigator, by: .home, address: "local")
            let ben = try #require(try harness.accounts.user(named: "ben"))
            let mine = try harness.store.tokens.create(name: "ana's <script>", role: .integration, ownerID: ana.id, now: Date())
            let theirs = try harness.store.tokens.create(name: "ben's", role: .integration, ownerID: ben.id, now: Date())

            let page = try await browser.get("/ui/account")
            #expect(page.html.contains(mine.info.id) && !page.html.contains(theirs.info.id))
            #expect(page.html.contains("ana&#39;s &lt;script&gt;") || page.html.contains("ana's &lt;script&gt;"))
            let refused = try await browser.post("/ui/account/tokens/revoke", ["csrf": page.csrf ?? "", "token": theirs.info.id])
            #expect(refused.status == .forbidden && refused.html.contains("No token of yours has the id"))
            #expect(try harness.store.tokens.authenticate(secret: theirs.secret) != nil)

            let revoked = try await browser.post("/ui/account/tokens/revoke", ["csrf": page.csrf ?? "", "token": mine.info.id])
            #expect(revoked.location == "/ui/account?done=token")
            #expect(try harness.store.tokens.authenticate(secret: mine.secret) == nil)
            let after = try await browser.get("/ui/account?done=token")
            #expect(after.html.contains("The token is revoked") && after.html.contains("revoked 20"))
        }
        let records = try harness.store.audit.page(AuditFilter(action: .tokenRevoke), limit: 5)
        #expect(records.map(\.entry.actor) == [.user("ana")])
    }

    @Test func aNewAuthenticatorNeedsThePasswordAndEndsOtherSessions() async throws {
        let harness = try UIHarness()
        try await harness.run { browser in
            let (app, _, password) = try await harness.enrolledUser("ivy", role: .investigator, in: browser)
            let other = Browser(client: browser.client)
            _ = try await other.post("/ui/login", ["name": "ivy", "password": password])
            let codePage = try await other.get("/ui/login/code")
            _ = try await other.post("/ui/login/code", ["code": app.code(at: harness.clock.now), "csrf": codePage.csrf ?? ""])
            #expect(try await other.get("/ui/account").status == .ok)

            let page = try await browser.get("/ui/account")
            let refused = try await browser.post("/ui/account/enrol", ["csrf": page.csrf ?? "", "password": "not it"])
            #expect(refused.status == .unprocessableContent && refused.first(#"id="signin-error">([^<]+)<"#) == "The current password is wrong.")
            let begun = try await browser.post("/ui/account/enrol", ["csrf": page.csrf ?? "", "password": password])
            #expect(begun.location == "/ui/account/enrol")
            let enrol = try await browser.get("/ui/account/enrol")
            let newApp = TestAuthenticator(base32: try #require(enrol.first(#"id="enrol-key">([A-Z2-7 ]+)<"#)))
            harness.clock.advance(30)
            let confirmed = try await browser.post(
                "/ui/account/enrol/confirm", ["csrf": enrol.csrf ?? "", "code": newApp.code(at: harness.clock.now)])
            #expect(confirmed.status == .ok && confirmed.all(#"<li><code>([a-z2-7-]+)</code>"#).count == 10)
            // Whoever held the old authenticator's session is out; this browser stays in.
            #expect(try await other.get("/ui/account").location == "/ui/login")
            #expect(try await browser.get("/ui/account").status == .ok)
        }
    }
}
