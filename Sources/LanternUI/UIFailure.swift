import Hummingbird

/// Sends the browser elsewhere (303 See Other): thrown by guards, turned into a response by `UIErrorMiddleware`.
struct UIRedirect: Error {
    var to: String
}

/// A page that cannot be shown, with a status and a sentence for the person.
struct UIFailure: Error {
    var status: HTTPResponse.Status
    var heading: String
    var message: String

    static let expiredForm = UIFailure(
        status: .forbidden, heading: "Form expired", message: "This form is no longer valid; reload the page and try again.")
    static func forbidden(_ message: String) -> UIFailure { UIFailure(status: .forbidden, heading: "Not allowed", message: message) }
    static func badForm(_ message: String) -> UIFailure { UIFailure(status: .badRequest, heading: "Bad request", message: message) }
}
