import Foundation
import HTTPTypes
import Hummingbird

/// What every page answer carries and every request must show: a known `Host` (against DNS rebinding), an `Origin`
/// of the node's own on every state change, plain HTTP only on loopback, and headers that keep a browser from
/// framing, sniffing, caching or running anything the node did not send.
struct BrowserGuardMiddleware: RouterMiddleware {
    typealias Context = UIRequestContext
    let settings: UISettings

    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let openerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!

    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if let refusal = refusal(of: request, peerIsLoopback: context.peerIsLoopback) {
            response = Response(
                status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: refusal)))
        } else {
            var context = context
            if let forwarded = forwardedAddress(of: request) { context.remoteAddress = forwarded }
            response = try await next(request, context)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[Self.frameOptions] = "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "same-origin"
        response.headers[Self.openerPolicy] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if settings.secureCookies { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        return response
    }

    /// Why the request is refused, or nil.
    func refusal(of request: Request, peerIsLoopback: Bool) -> String? {
        let authority = request.head.authority ?? ""
        let host = UISettings.hostName(authority)
        guard settings.allowedHosts.contains(host) else {
            return "This node does not answer to the host name '\(host)'. Use its own address, or set ui_public_url."
        }
        guard peerIsLoopback else {
            return "The UI answers this machine only: a browser on it, or a TLS proxy beside the node (see ui_public_url)."
        }
        let behindTLS = host == settings.publicHost
        if !UISettings.isLoopback(host) && !behindTLS {
            return "The UI is served over plain HTTP on loopback only; put it behind a TLS proxy and set ui_public_url."
        }
        if request.method != .get && request.method != .head {
            // Same origin: the scheme the browser used, and the very host and port it asked for.
            // Behind TLS the proxy may drop the port from Host: the page's own origin is then the public address.
            let port = behindTLS ? settings.publicPort : UISettings.port(authority)
            guard let origin = request.headers[.origin], let url = URL(string: origin), let originHost = url.host,
                url.scheme == (behindTLS ? "https" : "http"),
                UISettings.hostName(originHost) == host, url.port == port
            else {
                return "A change must come from a page of this node (the request's Origin is missing or foreign)."
            }
        }
        return nil
    }

    /// Behind the TLS proxy, the client's address as the proxy appended it to `X-Forwarded-For`.
    func forwardedAddress(of request: Request) -> String? {
        guard let publicHost = settings.publicHost, UISettings.hostName(request.head.authority ?? "") == publicHost,
            let forwarded = request.headers[values: Self.forwardedFor].last
        else { return nil }
        // The proxy appends last, on the last line: anything before it is the client's to forge.
        let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces) ?? ""
        let isAddress = (2...45).contains(last.count) && last.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
        return isAddress ? last : nil
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
}
