public import Foundation

/// RFC 3339 timestamps as the API reads and writes them.
public enum Timestamp {
    /// Parses an RFC 3339 `date-time` such as `2026-01-31T12:00:00Z`, with any fractional seconds and any offset, or
    /// a `full-date` such as `2026-01-31`, read as midnight UTC; at most 40 bytes.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.utf8.count <= 40 else { return nil }
        return RFC3339.parse(Array(trimmed.utf8))
    }

    /// Formats a date as RFC 3339 in UTC with milliseconds.
    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

extension Timestamp {
    /// The dates a node holds, in whole milliseconds since 1970: years 1 through 9999, exactly what RFC 3339 can
    /// write. Dates from a peer outside it are refused where they are decoded, so no later conversion can trap.
    public static let millisecondRange: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999

    /// The date `milliseconds` names, or nil outside `millisecondRange`.
    public static func date(milliseconds: Int64) -> Date? {
        guard millisecondRange.contains(milliseconds) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }

    /// Whether `date` lies in `millisecondRange`.
    public static func isHeld(_ date: Date) -> Bool {
        let ms = date.timeIntervalSince1970 * 1000
        return ms.isFinite && ms >= Double(millisecondRange.lowerBound) && ms <= Double(millisecondRange.upperBound)
    }

    /// `date` in whole milliseconds since 1970, held to `millisecondRange`: it never traps, whatever the date.
    public static func milliseconds(_ date: Date) -> Int64 {
        let ms = (date.timeIntervalSince1970 * 1000).rounded()
        guard ms.isFinite else { return 0 }
        if ms <= Double(millisecondRange.lowerBound) { return millisecondRange.lowerBound }
        if ms >= Double(millisecondRange.upperBound) { return millisecondRange.upperBound }
        return Int64(ms)
    }
}
