/// Who is acting in the current task, and from where: the local API sets it for each request with a token, and the
/// UI for each request with a session. What the task then reads or changes of signals is recorded under it, a change
/// in the same transaction as the change itself. Work of the node's own (expiry, a received batch) has no scope and
/// no record.
public struct AuditScope: Sendable, Equatable {
    public var actor: AuditActor
    public var address: String

    public init(actor: AuditActor, address: String) {
        self.actor = actor
        self.address = address
    }

    /// The scope of the task running now.
    @TaskLocal public static var current: AuditScope?

    public func entry(_ action: AuditAction, succeeded: Bool = true, targets: [String] = [], detail: [String: String] = [:]) -> AuditEntry {
        AuditEntry(actor: actor, address: address, action: action, succeeded: succeeded, targets: targets, detail: detail)
    }
}
