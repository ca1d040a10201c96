/// How far an import has got: its id (chosen by the client, such as a digest of the file) and the last input line
/// committed.
public struct ImportProgress: Sendable, Equatable {
    public var importID: String
    public var linesCommitted: Int

    public init(importID: String, linesCommitted: Int) {
        self.importID = importID
        self.linesCommitted = linesCommitted
    }
}
