import Foundation
import LanternCore
import LanternSync

extension ChainDigest {
    /// A hash as stored: a 32-byte blob. - Throws: `StoreError.corrupt` for anything else.
    static func stored(_ data: Data?) throws -> ChainDigest {
        guard let data, let digest = ChainDigest(data: data) else { throw StoreError.corrupt("a stored hash is not 32 bytes") }
        return digest
    }
}

/// The body of a removal event: what remains of a signal, and nothing else.
struct RemovalWire {
    var type: String
    var removedAt: Int64
    var reason: String

    init(_ record: RemovalRecord) {
        type = record.type.rawValue
        removedAt = Timestamp.milliseconds(record.removedAt)
        reason = record.reason.rawValue
    }

    /// Fixed key order and no free text, so the bytes are canonical.
    var encoded: Data {
        Data(#"{"reason":"\#(reason)","removed_at":\#(removedAt),"type":"\#(type)"}"#.utf8)
    }
}
