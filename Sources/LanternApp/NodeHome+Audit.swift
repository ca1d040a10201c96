public import Foundation
public import LanternCore
import LanternStore

/// The home's audit log, whether or not its node runs (`lantern audit …`).
extension NodeHome {
    /// Checks the audit log's hash chain from its first record and, given a record's hash kept outside the node
    /// (`anchor`), that the log still has that record with that hash: the chain alone cannot show a cut-off tail.
    public func verifyAudit(anchor: (seq: Int64, hash: Data)? = nil) throws -> AuditVerification {
        try withStore { store in
            var result = try store.audit.verify()
            if let anchor, result.isIntact {
                let held = try store.audit.hash(at: anchor.seq)
                if held == nil {
                    result.problem = (anchor.seq, "Record \(anchor.seq), whose hash was kept, is no longer in the log: its tail was cut off.")
                } else if held != anchor.hash {
                    result.problem = (anchor.seq, "Record \(anchor.seq) does not have the hash that was kept: the log was rewritten.")
                }
            }
            return result
        }
    }

    /// Writes the audit log to `path` as JSON lines, oldest first, each with its hashes, in pages (a long log takes
    /// little memory), and records the export. Refuses an existing file. - Returns: how many records it wrote.
    public func exportAudit(to path: String, now: Date = Date()) throws -> Int {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw NodeError.backupRefused("\(path) already exists; choose a new file.")
        }
        return try withStore { store in
            guard FileManager.default.createFile(atPath: path, contents: nil), let sink = FileHandle(forWritingAtPath: path) else {
                throw NodeError.backupRefused("Cannot create \(path).")
            }
            defer { try? sink.close() }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var last: Int64 = 0
            var written = 0
            while true {
                let page = try store.audit.records(after: last, limit: 1_000)
                guard let tail = page.last else { break }
                var chunk = Data()
                for record in page {
                    chunk.append(try encoder.encode(AuditLine(record)))
                    chunk.append(0x0A)
                }
                try sink.write(contentsOf: chunk)
                written += page.count
                last = tail.seq
            }
            try sink.synchronize()
            try store.audit.append(
                AuditEntry(actor: .home, address: "local", action: .auditExport, detail: ["records": String(written), "through": String(last)]),
                now: now)
            return written
        }
    }
}

/// One exported audit record: every field, and the hashes that chain it, in hex.
struct AuditLine: Encodable {
    var seq: Int64
    var at: String
    var actorKind: String
    var actor: String
    var actorOwner: String?
    var address: String
    var action: String
    var succeeded: Bool
    var targets: [String]
    var detail: [String: String]
    var previousHash: String
    var hash: String

    init(_ record: AuditRecord) {
        seq = record.seq
        at = Timestamp.format(record.at)
        actorKind = record.entry.actor.kind
        actor = record.entry.actor.name
        if case .token(_, let owner) = record.entry.actor { actorOwner = owner }
        address = record.entry.address
        action = record.entry.action.rawValue
        succeeded = record.entry.succeeded
        targets = record.entry.targets
        detail = record.entry.detail
        previousHash = Hex.encode(record.previousHash)
        hash = Hex.encode(record.hash)
    }

    enum CodingKeys: String, CodingKey {
        case seq, at, actor, address, action, succeeded, targets, detail, hash
        case actorKind = "actor_kind"
        case actorOwner = "actor_owner"
        case previousHash = "previous_hash"
    }
}
