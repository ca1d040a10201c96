import Crypto
import Foundation
import GRDB
import LanternCore
import LanternWire

/// How an audit record is written to its columns and hashed. The hash covers the stored text exactly, so a
/// verification needs no re-encoding and cannot disagree with itself across versions.
enum AuditChain {
    static let genesis = Data(repeating: 0, count: 32)

    struct StoredFields {
        var actorKind: String
        var actor: String
        var actorOwner: String?
        var address: String
        var action: String
        var succeeded: Bool
        /// JSON array of strings.
        var targets: String
        /// JSON object with sorted keys.
        var detail: String

        init(_ entry: AuditEntry) {
            actorKind = entry.actor.kind
            actor = entry.actor.name
            if case .token(_, let owner) = entry.actor { actorOwner = owner }
            address = entry.address
            action = entry.action.rawValue
            succeeded = entry.succeeded
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // A batch names thousands of ids: written by hand, escaped as the encoder escapes.
            var list = "["
            list.reserveCapacity(entry.targets.reduce(2) { $0 + $1.utf8.count + 3 })
            for (index, target) in entry.targets.enumerated() {
                if index > 0 { list += "," }
                JSONText.appendString(target, to: &list)
            }
            targets = list + "]"
            detail = (try? String(decoding: encoder.encode(entry.detail), as: UTF8.self)) ?? "{}"
        }

        init(row: Row) {
            actorKind = row["actor_kind"]
            actor = row["actor"]
            actorOwner = row["actor_owner"]
            address = row["address"]
            action = row["action"]
            succeeded = row["succeeded"]
            targets = row["targets"]
            detail = row["detail"]
        }

        /// The entry back, for reading; a field it cannot read shows as written.
        var entry: AuditEntry {
            let actor: AuditActor =
                switch actorKind {
                case "user": .user(self.actor)
                case "token": .token(id: self.actor, owner: actorOwner)
                case "home": .home
                default: .anonymous
                }
            let decoder = JSONDecoder()
            return AuditEntry(
                actor: actor, address: address, action: AuditAction(rawValue: action) ?? .auditRead, succeeded: succeeded,
                targets: (try? decoder.decode([String].self, from: Data(targets.utf8))) ?? [targets],
                detail: (try? decoder.decode([String: String].self, from: Data(detail.utf8))) ?? ["detail": detail])
        }
    }

    /// SHA-256 over the previous hash, then each field as its length (4 bytes, big-endian) and its UTF-8 bytes, so
    /// no two different records hash the same bytes.
    static func hash(previous: Data, seq: Int64, at: Int64, fields: StoredFields) -> Data {
        var hasher = SHA256()
        hasher.update(data: previous)
        for field in [
            String(seq), String(at), fields.actorKind, fields.actor, fields.actorOwner ?? "", fields.actorOwner == nil ? "0" : "1",
            fields.address, fields.action, fields.succeeded ? "1" : "0", fields.targets, fields.detail,
        ] {
            let bytes = Array(field.utf8)
            withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: bytes)
        }
        return Data(hasher.finalize())
    }
}
