import Foundation

/// RFC 3339 timestamps as the API reads and writes them.
public enum Timestamp {
    /// Parses `2026-01-31T12:00:00Z`, with optional fractional seconds and any offset, or a plain `2026-01-31`.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.utf8.count <= 40 else { return nil }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(trimmed) { return date }
        if let date = try? Date.ISO8601FormatStyle().parse(trimmed) { return date }
        if trimmed.utf8.count == 10, let date = try? Date.ISO8601FormatStyle().year().month().day().parse(trimmed) {
            return date
        }
        return nil
    }

    /// Formats a date as RFC 3339 in UTC with milliseconds.
    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
