import Foundation
import GRDB
import LanternCore

extension SignalStore {
    /// Lists live signals that pass every filter of `query`, newest id first.
    public func page(matching query: SignalQuery) throws -> SignalPage {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let type = query.type {
            clauses.append("type = ?")
            arguments += [type.rawValue]
        }
        if let origin = query.origin {
            clauses.append("origin = ?")
            arguments += [origin.rawValue]
        }
        if let value = query.value {
            clauses.append("value = ?")
            arguments += [value]
        }
        if let tag = query.tag {
            if tag.contains(":") {
                clauses.append("EXISTS (SELECT 1 FROM json_each(signals.tags) WHERE json_each.value = ?)")
                arguments += [tag]
            } else {
                clauses.append("EXISTS (SELECT 1 FROM json_each(signals.tags) WHERE json_each.value = ? OR json_each.value LIKE ? ESCAPE '\\')")
                let escaped = tag.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_")
                arguments += [tag, escaped + ":%"]
            }
        }
        switch query.audience {
        case nil: break
        case .all:
            clauses.append("audience = 'all'")
        case .financial:
            clauses.append("audience = 'financial'")
        case .anyAllowlist:
            clauses.append("audience LIKE 'allow:%'")
        case .allowlistIncluding(let id):
            clauses.append("audience LIKE 'allow:%' AND instr(',' || substr(audience, 7) || ',', ?) > 0")
            arguments += ["," + id.rawValue + ","]
        }
        if let status = query.reviewStatus {
            clauses.append("review_status = ?")
            arguments += [status.rawValue]
        }
        if let severity = query.severity {
            clauses.append("severity = ?")
            arguments += [severity.rawValue]
        }
        if let since = query.createdSince {
            clauses.append("created_at >= ?")
            arguments += [since.millisecondsSince1970]
        }
        if let before = query.createdBefore {
            clauses.append("created_at < ?")
            arguments += [before.millisecondsSince1970]
        }
        if let liveAt = query.liveAt {
            clauses.append("expires_at > ?")
            arguments += [liveAt.millisecondsSince1970]
        }
        if let cursor = query.before {
            clauses.append("id < ?")
            arguments += [cursor.rawValue]
        }
        let limit = max(1, min(query.limit, 1000))
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let sql = "SELECT \(SignalCodec.columns) FROM signals \(whereClause) ORDER BY id DESC LIMIT \(limit + 1)"
        let codec = SignalCodec()
        let rows = try writer.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments) }
        var signals = try rows.prefix(limit).map(codec.decode)
        var next: SignalID?
        if rows.count > limit, let last = signals.last {
            next = last.signal.id
        } else {
            signals = Array(signals)
        }
        return SignalPage(signals: signals, nextCursor: next)
    }
}
