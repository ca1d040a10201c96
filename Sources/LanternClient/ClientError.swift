/// A failure reported as one sentence, with the kind the CLI turns into one of its documented exit codes.
public struct ClientError: Error, CustomStringConvertible {
    public enum Code: Int32, Sendable {
        case failure = 1
        case refused = 3
        case notFound = 4
        case unauthorized = 5
        case partialImport = 6
    }

    public let code: Code
    public let message: String

    public init(_ code: Code = .failure, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
