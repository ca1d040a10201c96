import Foundation
import LanternCore

/// Hashes travel as hex and are stored as 32-byte blobs.
enum HexBytes {
    static func data(_ hex: String) -> Data {
        var bytes = [UInt8]()
        bytes.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for c in hex.utf8 {
            let v: UInt8 = c >= 0x61 ? c &- 0x61 &+ 10 : (c >= 0x41 ? c &- 0x41 &+ 10 : c &- 0x30)
            if let h = high {
                bytes.append(h << 4 | (v & 0x0F))
                high = nil
            } else {
                high = v & 0x0F
            }
        }
        return Data(bytes)
    }

}

/// The body of a removal event: what remains of a signal, and nothing else.
struct RemovalWire {
    var type: String
    var removedAt: Int64
    var reason: String

    init(_ record: RemovalRecord) {
        type = record.type.rawValue
        removedAt = Int64((record.removedAt.timeIntervalSince1970 * 1000).rounded())
        reason = record.reason.rawValue
    }

    /// Fixed key order and no free text, so the bytes are canonical.
    var encoded: Data {
        Data(#"{"reason":"\#(reason)","removed_at":\#(removedAt),"type":"\#(type)"}"#.utf8)
    }
}
