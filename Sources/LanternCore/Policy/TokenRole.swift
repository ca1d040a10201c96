/// What an API token may do. The rules are here, beside `AccessPolicy`, so the API and the CLI ask the same sets.
public enum TokenRole: String, Codable, Sendable, CaseIterable {
    /// Everything, including tokens, participants and the taxonomy.
    case admin
    /// People who vet and share signals: read and write signals, and work the review queue.
    case investigator
    /// Systems that push and pull signals: read and write signals.
    case integration
    /// A read-only token of an auditor: reads signals, the review queue and the audit log, changes nothing.
    case auditor
}

extension Set where Element == TokenRole {
    /// Who may read signals, reactions and the review queue.
    public static let readers: Set<TokenRole> = [.admin, .investigator, .integration, .auditor]
    /// Who may create, change and remove signals and react to them.
    public static let writers: Set<TokenRole> = [.admin, .investigator, .integration]
    /// Who may claim, release and decide review items and flags: people, not integrations.
    public static let reviewers: Set<TokenRole> = [.admin, .investigator]
    /// Who may manage tokens, participants, peers and the taxonomy.
    public static let admins: Set<TokenRole> = [.admin]
}
