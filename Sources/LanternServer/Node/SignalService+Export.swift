public import LanternCore
public import LanternStore

extension SignalService {
    /// Starts an export of every live signal matching `query`, newest first, read a page at a time with no cap.
    /// Whoever acts now (`AuditScope`) is recorded against each page as it is read: the ids, the count, the filters.
    public func export(_ query: SignalQuery, format: SignalExportFormat, pageSize: Int = 1000) throws -> SignalExportCursor {
        var query = query
        query.liveAt = now
        query.limit = pageSize
        var detail = try auditDetail(of: query)
        detail["format"] = format.rawValue
        detail.removeValue(forKey: "limit")
        return SignalExportCursor(service: self, query: query, detail: detail, scope: AuditScope.current)
    }

    /// A signal, the reactions held on it and, for an own signal, the changes made to it, recorded as one view.
    public func detail(_ id: SignalID) throws -> (lookup: Lookup, reactions: [Reaction], revisions: [SignalRevision]) {
        let found = try lookup(id)
        guard case .live(let signal) = found else { return (found, [], []) }
        let revisions = signal.origin == participant ? try store.signals.revisions(of: id) : []
        return (found, try store.reactions.all(on: id), revisions)
    }
}

/// Where an export has got to. A response body calls `nextPage()` until it returns nil.
public struct SignalExportCursor: Sendable {
    let service: SignalService
    var query: SignalQuery
    var detail: [String: String]
    let scope: AuditScope?
    var finished = false

    /// The next page of signals, recorded as exported; nil once every page was read.
    public mutating func nextPage() throws -> [Signal]? {
        guard !finished else { return nil }
        let page = try service.store.signals.page(matching: query)
        if let next = page.nextCursor { query.before = next } else { finished = true }
        guard !page.signals.isEmpty else { return nil }
        detail["count"] = String(page.signals.count)
        let ids = page.signals.map(\.signal.id.rawValue)
        let recorded = detail
        try AuditScope.$current.withValue(scope) { try service.recordRead(.signalExport, targets: ids, detail: recorded) }
        return page.signals.map(\.signal)
    }
}
