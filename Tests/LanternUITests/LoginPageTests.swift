import Foundation
import HTTPTypes
import Hummingbird
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Testing

@testable import LanternUI

/// The login pages end to end in process: enrolment at the first login, the second factor, refusals, and what the
/// browser is told about every page.
@Suite struct LoginPageTests {
    @Test func firstLoginEnrolsChangesThePasswordAndLandsOnTheAccount() async throws {
        let harness = try UIHarness()
        try await harness.run { browser in
            let (app, recovery, password) = try await harness.enrolledUser("ana", role: .investigator, in: browser)
            #expect(recovery.count == 10)
            let account = try await browser.get("/ui/account")
            #expect(account.status == .ok)
            #expect(account.html.contains("ana · investigator"))
            #expect(account.first(#"id="recovery-left">(\d+)<"#) == "10")

            // Log out, then in again with a code from the app.
            let out = try await browser.post("/ui/logout", ["csrf": account.csrf ?? ""])
            #expect(out.location == "/ui/login")
            #expect(try await browser.get("/ui/account").location == "/ui/login")
            let login = try await browser.post("/ui/login", ["name": "ana", "password": password])
            #expect(login.location == "/ui/login/code")
            // The password alone opens nothing.
            #expect(try await browser.get("/ui/account").location == "/ui/login")
            let codePage = try await browser.get("/ui/login/code")
            // The code form is a form of the session too: without its token it is refused.
            #expect(try await browser.post("/ui/login/code", ["code": "000000"]).status == .forbidden)
            let wrong = try await browser.post("/ui/login/code", ["code": "000000", "csrf": codePage.csrf ?? ""])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.html.contains("The code is wrong or was already used"))
            let right = try await browser.post("/ui/login/code", ["code": app.code(at: harness.clock.now), "csrf": codePage.csrf ?? ""])
            #expect(right.location == "/ui/")
            #expect(try await browser.get("/ui/").html.contains("<h1>Dashboard</h1>"))
            #expect(try await browser.get("/ui/account").status == .ok)
        }
    }

    @Test func aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() async throws {
        let harness = try UIHarness()
        _ = try await harness.accounts.addUser(name: "ben", role: .auditor, by: .home, address: "local")
        try await harness.run { browser in
            let page = try await browser.post("/ui/login", ["name": "ben", "password": "not the password"])
            #expect(page.status == .unauthorized)
            #expect(page.first(#"id="login-error">([^<]+)<"#) == "The user name or password is wrong, or the account is locked or disabled.")
            let unknown = try await browser.post("/ui/login", ["name": "nobody", "password": "not the password"])
            #expect(unknown.first(#"id="login-error">([^<]+)<"#) == "The user name or password is wrong, or the account is locked or disabled.")
            #expect(unknown.html.contains("value=\"nobody\""))
        }
        let failures = try harness.store.audit.page(AuditFilter(action: .loginFailed), limit: 10)
        // A name that is no user's is kept as a digest: it may be a password typed in the wrong field.
        #expect(failures.map(\.entry.targets) == [[try harness.store.audit.valueDigest("nobody")], ["ben"]])
    }

    @Test func formsWithoutTheSessionsTokenOrFromElsewhereAreRefused() async throws {
        let harness = try UIHarness()
        try await harness.run { browser in
            let (_, _, password) = try await harness.enrolledUser("cy", role: .admin, in: browser)
            let account = try await browser.get("/ui/account")
            let csrf = try #require(account.csrf)
            let form = ["csrf": csrf, "password": password]
            let forged = try await browser.post("/ui/account/recovery-codes", ["csrf": String(repeating: "0", count: 64), "password": password])
            #expect(forged.status == .forbidden)
            let foreign = try await browser.post("/ui/account/recovery-codes", form, origin: "https://evil.example")
            #expect(foreign.status == .forbidden)
            let otherPort = try await browser.post("/ui/account/recovery-codes", form, origin: "http://localhost:8080")
            #expect(otherPort.status == .forbidden)
            let missing = try await browser.post("/ui/account/recovery-codes", form, origin: nil)
            #expect(missing.status == .forbidden)
            // A stolen session alone cannot change how its user logs in: the current password is asked for.
            let noPassword = try await browser.post("/ui/account/recovery-codes", ["csrf": csrf, "password": "not it"])
            #expect(noPassword.status == .unprocessableContent && noPassword.html.contains("The current password is wrong."))
            // The same form from the node's own page, with the password, works.
            let codes = try await browser.post("/ui/account/recovery-codes", form)
            #expect(codes.status == .ok && codes.all(#"<li><code>([a-z2-7-]+)</code>"#).count == 10)
        }
    }

    @Test func whatABrowserSaysOfItselfIsShownAsText() async throws {
        let harness = try UIHarness()
        try await harness.run { browser in
            let (app, _, password) = try await harness.enrolledUser("eve", role: .investigator, in: browser)
            // A second browser whose user agent is markup logs in as the same person.
            let other = Browser(client: browser.client)
            let agent: HTTPFields = [.userAgent: "<script>alert(1)</script><a href=\"javascript:alert(2)\">x</a>"]
            _ = try await other.post("/ui/login", ["name": "eve", "password": password], headers: agent)
            let codePage = try await other.get("/ui/login/code", headers: agent)
            let passed = try await other.post(
                "/ui/login/code", ["code": app.code(at: harness.clock.now), "csrf": codePage.csrf ?? ""], headers: agent)
            #expect(passed.location == "/ui/")
            let account = try await browser.get("/ui/account")
            #expect(account.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!account.html.contains("<script") && !account.html.contains("href=\"javascript:"))
            // The first browser ends the second's session from its list.
            let label = try #require(account.first(#"name="session" value="([0-9a-f]{12})""#))
            let ended = try await browser.post("/ui/account/sessions/end", ["csrf": account.csrf ?? "", "session": label])
            #expect(ended.location == "/ui/account?done=session")
            #expect(try await other.get("/ui/account").location == "/ui/login")
        }
    }

    @Test func everyAnswerCarriesTheBrowserRules() async throws {
        let harness = try UIHarness()
        try await harness.run { browser in
            let page = try await browser.get("/ui/login")
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src") == false)
            #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(!page.html.contains("<script"))
            #expect(!page.html.contains("http://") && !page.html.contains("https://"))
            let style = try await browser.get("/ui/static/lantern.css")
            #expect(style.headers[.contentType] == "text/css; charset=utf-8")
            let missing = try await browser.get("/ui/nothing-here")
            #expect(missing.status == .notFound && missing.headers[.contentSecurityPolicy] != nil && missing.html.contains("There is no such page."))
        }
    }

    @Test func theSessionCookieIsStrictAndSecureBehindTLS() async throws {
        for (url, secure) in [(nil, false), (URL(string: "https://lantern.example.org"), true)] as [(URL?, Bool)] {
            let harness = try UIHarness(publicURL: url)
            _ = try await harness.accounts.addUser(name: "dee", role: .investigator, by: .home, address: "local")
            try await harness.run { browser in
                let (_, temporary) = try await harness.accounts.reset(name: "dee", by: .home, address: "local")
                let login = try await browser.post("/ui/login", ["name": "dee", "password": temporary])
                let cookie = try #require(login.headers[.setCookie])
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
                #expect(cookie.contains("Secure") == secure)
                #expect(cookie.hasPrefix("__Host-") == secure)
            }
        }
    }

    @Test func foreignHostsPeersAndOriginsAreRefused() throws {
        let guardian = BrowserGuardMiddleware(settings: UISettings(apiHost: "127.0.0.1", publicURL: URL(string: "https://lantern.example.org")))
        func request(_ method: HTTPRequest.Method, host: String, origin: String? = nil) -> Request {
            var fields: HTTPFields = [:]
            if let origin { fields[.origin] = origin }
            return Request(
                head: HTTPRequest(method: method, scheme: "http", authority: host, path: "/ui/login", headerFields: fields),
                body: .init(buffer: ByteBuffer()))
        }
        func refusal(_ request: Request, loopback: Bool = true) -> String? { guardian.refusal(of: request, peerIsLoopback: loopback) }
        #expect(refusal(request(.get, host: "127.0.0.1:7300")) == nil)
        #expect(refusal(request(.get, host: "lantern.example.org")) == nil)
        #expect(refusal(request(.get, host: "rebound.attacker.example:7300"))?.contains("does not answer") == true)
        // A connection from elsewhere is refused whatever Host it names: only a browser here or the proxy beside.
        #expect(refusal(request(.get, host: "127.0.0.1:7300"), loopback: false)?.contains("this machine only") == true)
        #expect(refusal(request(.post, host: "lantern.example.org", origin: "https://lantern.example.org")) == nil)
        #expect(refusal(request(.post, host: "lantern.example.org", origin: "http://lantern.example.org")) != nil)
        #expect(refusal(request(.post, host: "127.0.0.1:7300", origin: "http://127.0.0.1:7300")) == nil)
        #expect(refusal(request(.post, host: "127.0.0.1:7300", origin: "http://127.0.0.1:7301")) != nil)
        #expect(refusal(request(.post, host: "127.0.0.1:7300", origin: "http://localhost:7300")) != nil)
        #expect(refusal(request(.post, host: "[::1]:7300", origin: "http://[::1]:7300")) == nil)
        let open = BrowserGuardMiddleware(settings: UISettings(apiHost: "10.1.2.3", publicURL: nil))
        #expect(open.refusal(of: request(.get, host: "10.1.2.3:7300"), peerIsLoopback: true)?.contains("plain HTTP on loopback only") == true)
    }
}
