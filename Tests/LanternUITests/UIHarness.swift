import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Synchronization
import Testing

@testable import LanternUI

/// A node's local API with the UI mounted, in process (HummingbirdTesting's router mode), with a clock the test
/// moves, and a browser that keeps its cookie.
struct UIHarness: Sendable {
    final class Clock: Sendable {
        let time = Mutex(Fixtures.now)
        func advance(_ seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
        var now: Date { time.withLock { $0 } }
    }

    let directory: TemporaryDirectory
    let store: NodeStore
    let accounts: AccountService
    let clock = Clock()
    let service: SignalService
    let imports: ImportJobs
    let ui: InvestigatorUI

    init(publicURL: URL? = nil) throws {
        directory = try TemporaryDirectory()
        store = try Fixtures.store(in: directory)
        let clock = self.clock
        accounts = AccountService(store: store, configuration: AccountConfiguration(bcryptCost: 4), clock: { clock.now })
        service = try SignalService(store: store)
        imports = try ImportJobs(service: service, directory: directory.url.appendingPathComponent("uploads"))
        ui = try InvestigatorUI(
            accounts: accounts, signals: service, imports: imports, settings: UISettings(apiHost: "127.0.0.1", publicURL: publicURL))
    }

    func run(_ body: @Sendable (Browser) async throws -> Void) async throws {
        let router = LocalAPI.makeRouter(service: service, configuration: NodeConfiguration(), browserPages: ui.browserPages)
        try await Application(router: router).test(.router) { client in try await body(Browser(client: client)) }
    }

    /// Adds a user and logs them in through the pages, enrolling at the first login and choosing a password.
    /// - Returns: the app that makes their codes, their recovery codes and their new password.
    func enrolledUser(
        _ name: String, role: UserRole, in browser: Browser
    ) async throws -> (app: TestAuthenticator, recovery: [String], password: String) {
        let (_, temporary) = try await accounts.addUser(name: name, role: role, by: .home, address: "local")
        let login = try await browser.post("/ui/login", ["name": name, "password": temporary])
        #expect(login.status == .seeOther && login.location == "/ui/login/enrol")
        let enrol = try await browser.get("/ui/login/enrol")
        let key = try #require(enrol.first(#"id="enrol-key">([A-Z2-7 ]+)<"#))
        let app = TestAuthenticator(base32: key)
        let confirmed = try await browser.post("/ui/login/enrol", ["code": app.code(at: clock.now), "csrf": enrol.csrf ?? ""])
        #expect(confirmed.status == .ok)
        let recovery = confirmed.all(#"<li><code>([a-z2-7]{5}-[a-z2-7]{5})</code>"#)
        let forced = try await browser.get("/ui/")
        #expect(forced.location == "/ui/account/password")
        let page = try await browser.get("/ui/account/password")
        let password = "correct horse battery staple"
        let changed = try await browser.post(
            "/ui/account/password", ["current_password": temporary, "new_password": password, "csrf": page.csrf ?? ""])
        #expect(changed.location == "/ui/account?done=password", "\(changed.html)")
        clock.advance(30)
        return (app, recovery, password)
    }
}

/// A browser over the test client: keeps the session cookie and sends the node's own Origin with every form.
final class Browser: Sendable {
    let client: any TestClientProtocol
    let cookie = Mutex<String?>(nil)

    init(client: any TestClientProtocol) {
        self.client = client
    }

    struct Page: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var html: String

        var location: String? { headers[.location] }
        var csrf: String? { first(#"name="csrf" value="([0-9a-f]{64})""#) }

        func first(_ pattern: String) -> String? { all(pattern).first }

        func all(_ pattern: String) -> [String] {
            let regex = try! NSRegularExpression(pattern: pattern)
            return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
                Range($0.range(at: 1), in: html).map { String(html[$0]) }
            }
        }
    }

    func get(_ path: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(.get, path, body: nil, headers: headers)
    }

    func post(_ path: String, _ form: [String: String], origin: String? = "http://localhost", headers: HTTPFields = [:]) async throws -> Page {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        if let origin { headers[.origin] = origin }
        let body = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await send(.post, path, body: body, headers: headers)
    }

    /// A form whose fields may repeat (`ids[]`), in order.
    func postPairs(_ path: String, _ pairs: [(String, String)], origin: String = "http://localhost") async throws -> Page {
        let allowed = CharacterSet.alphanumerics
        let body = pairs.map {
            "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }
        .joined(separator: "&")
        return try await send(.post, path, body: body, headers: [.contentType: "application/x-www-form-urlencoded", .origin: origin])
    }

    func send(_ method: HTTPRequest.Method, _ path: String, body: String?, headers: HTTPFields) async throws -> Page {
        var headers = headers
        if let cookie = cookie.withLock({ $0 }) { headers[.cookie] = cookie }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        if let set = response.headers[.setCookie], let pair = set.split(separator: ";").first {
            let value = String(pair)
            cookie.withLock { $0 = value.hasSuffix("=") ? nil : value }
        }
        return Page(status: response.status, headers: response.headers, html: String(buffer: response.body))
    }
}
