import Foundation
import LanternCore
import LanternSync

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
