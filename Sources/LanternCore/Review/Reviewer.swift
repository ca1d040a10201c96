/// Who claims and decides review items: an API token of the node, by id, with its name for display.
public struct Reviewer: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Administrators may release an item someone else claimed.
    public var isAdmin: Bool

    public init(id: String, name: String, isAdmin: Bool = false) {
        self.id = id
        self.name = name
        self.isAdmin = isAdmin
    }
}
