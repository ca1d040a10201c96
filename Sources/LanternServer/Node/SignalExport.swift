import Foundation
import LanternAPI
public import LanternCore

/// The file formats a result set is exported in, one signal per line after CSV's header.
public enum SignalExportFormat: String, Sendable, CaseIterable {
    /// Each line the signal as the API returns it: exact, and what `lantern import` reads back.
    case jsonl
    /// For a spreadsheet: the common fields, RFC 4180 quoting.
    case csv

    public var contentType: String {
        switch self {
        case .jsonl: "application/x-ndjson; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    /// What precedes the first signal: CSV's header line.
    public var header: String {
        switch self {
        case .jsonl: ""
        case .csv: Self.columns.joined(separator: ",") + "\r\n"
        }
    }

    static let columns = [
        "id", "origin", "type", "value", "severity", "review_status", "audience", "tags", "created_at", "updated_at", "expires_at",
        "description",
    ]

    /// One signal as a line of the file, with its line break.
    public func line(for signal: Signal) -> String {
        switch self {
        case .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(SignalResource(signal))) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self) + "\n"
        case .csv:
            let resource = SignalResource(signal)
            let audience = resource.allowlist?.joined(separator: ";") ?? resource.audience
            let cells = [
                resource.id, resource.origin, resource.type, resource.value, resource.severity, resource.reviewStatus, audience,
                resource.tags.joined(separator: ";"), resource.createdAt, resource.updatedAt, resource.expiresAt, resource.description ?? "",
            ]
            return cells.map(Self.csvCell).joined(separator: ",") + "\r\n"
        }
    }

    /// A cell quoted when it must be, and defused when a spreadsheet would run it as a formula (a value a peer
    /// wrote can start with `=`): such a cell starts with an apostrophe, as OWASP advises. JSONL keeps values exact.
    public static func csvCell(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
