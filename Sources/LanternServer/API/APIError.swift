import Foundation
public import Hummingbird
import LanternAPI
import LanternCore
import Logging

/// An error response of the local API: a status, a stable code, the field at fault if any, and a sentence.
///
/// Body: `{"error": {"code": "invalid_field", "field": "value", "message": "…"}}`.
public struct APIError: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let field: String?
    public let message: String
    public var extraHeaders: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, code: String, field: String? = nil, message: String) {
        self.status = status
        self.code = code
        self.field = field
        self.message = message
    }

    static func invalid(_ error: ValidationError) -> APIError {
        APIError(.unprocessableContent, code: "invalid_field", field: error.field, message: error.reason)
    }

    static func badRequest(field: String?, _ message: String) -> APIError {
        APIError(.badRequest, code: "bad_request", field: field, message: message)
    }

    static let unauthorized = APIError(
        .unauthorized, code: "unauthorized", message: "This endpoint needs a valid API token in an 'Authorization: Bearer …' header.")

    static func forbidden(_ message: String) -> APIError { APIError(.forbidden, code: "forbidden", message: message) }

    static func notFound(_ message: String) -> APIError { APIError(.notFound, code: "not_found", message: message) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(ErrorResource(error: .init(code: code, field: field, message: message)))
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        headers.append(contentsOf: extraHeaders)
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Maps any error thrown by a route to an `APIError`, so every failure has a JSON body.
struct ErrorMappingMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as ValidationError {
            throw APIError.invalid(error)
        } catch let error as SignalNotFound {
            throw error.removed ? APIError(.gone, code: "removed", message: error.description) : APIError.notFound(error.description)
        } catch let error as ReviewError {
            if error.isNotFound { throw APIError.notFound(error.description) }
            if error.isConflict { throw APIError(.conflict, code: "conflict", message: error.description) }
            throw APIError(.unprocessableContent, code: "invalid_field", field: error.field, message: error.description)
        } catch let error as ValueError {
            throw APIError(.unprocessableContent, code: "invalid", message: error.reason)
        } catch let error as any HTTPResponseError {
            // Errors raised by the framework (a body over the limit, a malformed request) get a JSON body too.
            if error.status == .contentTooLarge {
                throw APIError(.contentTooLarge, code: "body_too_large", message: "The request body is larger than this node accepts.")
            }
            let message = (error as? HTTPError)?.body ?? "The request could not be handled (\(error.status.code) \(error.status.reasonPhrase))."
            throw APIError(error.status, code: "http_error", message: message)
        } catch {
            // The details stay in the log: a caller (a peer, an integration) learns nothing of the node's internals.
            context.logger.error("Request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            throw APIError(.internalServerError, code: "internal", message: "The node could not complete the request; its log has the details.")
        }
    }
}
