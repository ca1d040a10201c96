import Foundation
import GRDB
import LanternCore

extension Date {
    /// Held to the range a node stores (`Timestamp.millisecondRange`), so no date converts with a trap.
    var millisecondsSince1970: Int64 { Timestamp.milliseconds(self) }
    init(milliseconds: Int64) { self.init(timeIntervalSince1970: TimeInterval(milliseconds) / 1000) }
}
