/// The body of every error response (`Error`): `{"error": {"code", "field", "message"}}`.
public struct ErrorResource: Codable, Sendable, Equatable {
    /// A stable code, the field at fault if any, and a full sentence.
    public struct Detail: Codable, Sendable, Equatable {
        public var code: String
        public var field: String?
        public var message: String

        public init(code: String, field: String? = nil, message: String) {
            self.code = code
            self.field = field
            self.message = message
        }
    }

    public var error: Detail

    public init(error: Detail) {
        self.error = error
    }
}
