import Hummingbird
import Logging

/// Turns redirects and failures into pages, and anything unexpected into a page that says so without detail.
struct UIErrorMiddleware: RouterMiddleware {
    typealias Context = UIRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let redirect as UIRedirect {
            return Response(status: .seeOther, headers: [.location: redirect.to])
        } catch let failure as UIFailure {
            return pages.failure(failure, context: context)
        } catch let error as any HTTPResponseError where error.status == .notFound || error.status == .contentTooLarge {
            let message = error.status == .notFound ? "There is no such page." : "The form is too large."
            return pages.failure(UIFailure(status: error.status, heading: "Not found", message: message), context: context)
        } catch {
            context.logger.error("A page failed: \(error)")
            return pages.failure(
                UIFailure(
                    status: .internalServerError, heading: "Something went wrong", message: "The node could not show this page; it logged why."),
                context: context)
        }
    }
}
