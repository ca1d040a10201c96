public import LanternCore
public import LanternStore

extension SignalService {
    /// What the node holds under a signal id.
    public enum Lookup: Sendable {
        /// The signal, within its retention.
        case live(Signal)
        /// Past its retention, not yet swept: its content is about to be purged.
        case expired
        /// Removed or expired: only its type, date and reason remain.
        case removed(RemovalRecord)
        /// Never held here.
        case unknown
    }

    /// Looks a signal up by id.
    public func lookup(_ id: SignalID) throws -> Lookup {
        let found: Lookup
        if let stored = try store.signals.signal(id) {
            found = stored.signal.expiresAt > now ? .live(stored.signal) : .expired
        } else if let removal = try store.signals.removal(id) {
            found = .removed(removal)
        } else {
            found = .unknown
        }
        try recordRead(.signalView, targets: [id.rawValue], detail: ["found": found.auditName])
        return found
    }

    /// The signal held under `id`, live or not yet swept: what a review item shows beside the match.
    public func heldSignal(_ id: SignalID) throws -> Signal? {
        try store.signals.signal(id)?.signal
    }

    /// One page of the live signals matching `query`, as the clock reads now.
    public func search(_ query: SignalQuery) throws -> SignalPage {
        var query = query
        query.liveAt = now
        let page = try store.signals.page(matching: query)
        var detail = try auditDetail(of: query)
        detail["count"] = String(page.signals.count)
        try recordRead(.signalSearch, targets: page.signals.map(\.signal.id.rawValue), detail: detail)
        return page
    }

    /// The changes the chain builder has not published yet: a read of the signals and removals, which is also the
    /// readiness probe's proof that the store can be read.
    public func unpublishedChanges() throws -> Int {
        try store.chains.unpublishedChanges()
    }

    /// Adds or replaces a participant in the list the validator checks audiences against.
    public func saveParticipant(_ participant: Participant) throws {
        try store.directory.saveParticipant(participant)
        try reloadParticipants()
    }

    /// Checks an API token. - Returns: the token, or nil for a secret that is unknown or revoked.
    public func authenticate(token secret: String) throws -> TokenInfo? {
        try store.tokens.authenticate(secret: secret)
    }
}

extension SignalService.Lookup {
    /// The lookup's outcome in a word, for the audit log.
    var auditName: String {
        switch self {
        case .live: "live"
        case .expired: "expired"
        case .removed: "removed"
        case .unknown: "unknown"
        }
    }
}
