import Foundation
public import LanternCore
import LanternStore

extension SignalService {
    /// Records a read of signals under whoever acts in this task (`AuditScope`); the node's own reads go unrecorded.
    func recordRead(_ action: AuditAction, targets: [String] = [], detail: [String: String] = [:]) throws {
        guard let scope = AuditScope.current else { return }
        try store.audit.append(scope.entry(action, targets: targets, detail: detail), now: now)
    }

    /// A search's filters as the audit log keeps them: each filter by name, a searched-for value only as a keyed
    /// digest, so the log never holds a value.
    func auditDetail(of query: SignalQuery) throws -> [String: String] {
        var detail: [String: String] = ["limit": String(query.limit)]
        if let type = query.type { detail["type"] = type.rawValue }
        if let origin = query.origin { detail["origin"] = origin.rawValue }
        if let tag = query.tag { detail["tag"] = tag }
        if let audience = query.audience { detail["audience"] = "\(audience)" }
        if let status = query.reviewStatus { detail["review_status"] = status.rawValue }
        if let severity = query.severity { detail["severity"] = severity.rawValue }
        if let since = query.createdSince { detail["created_since"] = Timestamp.format(since) }
        if let before = query.createdBefore { detail["created_before"] = Timestamp.format(before) }
        if let cursor = query.before { detail["cursor"] = cursor.rawValue }
        if let value = query.value { detail["value"] = try store.audit.valueDigest(value) }
        return detail
    }
}
