/// What `POST /v1/signals/import` answers.
public struct ImportSummary: Decodable, Sendable {
    public struct LineError: Decodable, Sendable {
        public var line: Int
        public var field: String?
        public var message: String
    }
    public var lines: Int
    public var created: Int
    public var rejected: Int
    public var dry_run: Bool
    public var errors: [LineError]
    public var errors_truncated: Bool
    public var skipped: Int
}
