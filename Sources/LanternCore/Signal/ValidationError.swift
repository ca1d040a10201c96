/// Input that was refused: the field that held it and the reason, as a full sentence.
///
/// Field names are the API's JSON names (`value`, `tags[1]`, `transaction.currency`), so a caller can point at
/// the offending input.
public struct ValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    public let field: String
    public let reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    init(field: String, _ error: ValueError) {
        self.init(field: field, reason: error.reason)
    }

    public var description: String { "\(field): \(reason)" }
}
