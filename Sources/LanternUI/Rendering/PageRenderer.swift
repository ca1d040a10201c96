import Foundation
import Hummingbird
import LanternCore
import LanternServer
import Mustache

/// Renders the UI's templates into responses. Mustache escapes every `{{value}}` for HTML, so nothing a person or
/// a peer wrote can become markup.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        for (file, text) in EmbeddedTemplates.files where file.hasSuffix(".mustache") {
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        self.library = library
    }

    /// A page, with the layout's values: the title, and for a logged-in user their name, role and CSRF token.
    func page(
        _ name: String, title: String, context: UIRequestContext, values: [String: Any] = [:], status: HTTPResponse.Status = .ok
    )
        -> Response
    {
        var all = values
        all["title"] = title
        if let session = context.session {
            all["csrf"] = session.session.csrfToken
            if session.session.complete {
                let role = session.user.role
                all["user"] = [
                    "name": session.user.name.rawValue, "role": role.rawValue, "csrf": session.session.csrfToken,
                    "may_audit": role.mayReadAudit, "may_admin": role.mayAdminister,
                ]
            }
        }
        let html = library.render(all, withTemplate: name) ?? ""
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A time as people read it on a page, to the minute: `2026-12-05 17:45 UTC`.
    static func minute(_ date: Date) -> String {
        let text = Timestamp.format(date)
        return text.prefix(10) + " " + text.dropFirst(11).prefix(5) + " UTC"
    }

    func failure(_ failure: UIFailure, context: UIRequestContext) -> Response {
        page(
            "error", title: failure.heading, context: context, values: ["heading": failure.heading, "message": failure.message],
            status: failure.status)
    }
}

extension Request {
    /// Reads a URL-encoded form of at most the context's upload size.
    mutating func form<Form: Decodable>(_ type: Form.Type, context: UIRequestContext) async throws -> Form {
        let buffer = try await collectBody(upTo: context.maxUploadSize)
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: buffer))
        } catch {
            throw UIFailure.badForm("The form could not be read.")
        }
    }
}
