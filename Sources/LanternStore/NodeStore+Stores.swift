// Each store owns its tables and writes them in its own transactions, all through this one writer.
extension NodeStore {
    /// The signals held, their removals and imports, and the change log the matcher follows.
    public var signals: SignalStore { SignalStore(database: self) }

    /// The hash chains: building, serving, receiving, relaying, epochs, compaction and tombstones.
    public var chains: ChainStore { ChainStore(database: self) }

    /// The registry, the peers and their acknowledgements.
    public var federation: FederationStore { FederationStore(database: self) }

    /// This node's participant, the participant list and the taxonomy.
    public var directory: DirectoryStore { DirectoryStore(database: self) }

    /// The review queue and the flags on signals.
    public var review: ReviewStore { ReviewStore(database: self) }

    /// Reactions to signals, sent and received.
    public var reactions: ReactionStore { ReactionStore(database: self) }

    /// The local API's tokens.
    public var tokens: TokenStore { TokenStore(database: self) }

    /// Named users, their second factors, recovery codes and sessions.
    public var accounts: AccountStore { AccountStore(database: self) }

    /// The hash-chained, append-only audit log.
    public var audit: AuditStore { AuditStore(database: self) }
}
