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
        if let refusal = refusal(of: request) {
            response = Response(
                status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: refusal)))
        } else {
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
    func refusal(of request: Request) -> String? {
        let host = UISettings.hostName(request.head.authority ?? "")
        guard settings.allowedHosts.contains(host) else {
            return "This node does not answer to the host name '\(host)'. Use its own address, or set ui_public_url."
        }
        if !UISettings.isLoopback(host) && host != settings.publicHost {
            return "The UI is served over plain HTTP on loopback only; put it behind a TLS proxy and set ui_public_url."
        }
        if request.method != .get && request.method != .head {
            guard let origin = request.headers[.origin], let url = URL(string: origin), let originHost = url.host?.lowercased(),
                settings.allowedHosts.contains(originHost), originHost != settings.publicHost || url.scheme == "https"
            else {
                return "A change must come from a page of this node (the request's Origin is missing or foreign)."
            }
        }
        return nil
    }
}
