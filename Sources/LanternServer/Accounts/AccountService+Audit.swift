public import Foundation
public import LanternCore
import LanternStore
import Synchronization

extension AccountService {
    /// A page of the audit log, newest first, before record `before`: for auditors and admins only. The reading is
    /// itself recorded, with its filters.
    public func auditPage(_ filter: AuditFilter, before: Int64?, limit: Int, reader: UserAccount, address: String) throws -> [AuditRecord] {
        guard reader.role.mayReadAudit else {
            throw AccountError.forbidden("Your role, \(reader.role.rawValue), does not read the audit log.")
        }
        let records = try store.audit.page(filter, before: before, limit: limit)
        var detail = ["count": String(records.count)]
        detail["actor"] = filter.actor
        detail["action"] = filter.action?.rawValue
        detail["from"] = filter.from.map(Timestamp.format)
        detail["until"] = filter.until.map(Timestamp.format)
        detail["before"] = before.map(String.init)
        _ = try store.audit.append(
            AuditEntry(actor: .user(reader.name.rawValue), address: address, action: .auditRead, detail: detail), now: now)
        return records
    }

    /// Checks the audit log's chain from its first record, and keeps the result for the audit page.
    public func verifyAudit() throws -> (result: AuditVerification, at: Date) {
        let checked = (result: try store.audit.verify(), at: now)
        lastAuditCheck.withLock { $0 = checked }
        return checked
    }

    /// The last check of the chain since the node started, if any.
    public var lastAuditVerification: (result: AuditVerification, at: Date)? { lastAuditCheck.withLock { $0 } }
}
