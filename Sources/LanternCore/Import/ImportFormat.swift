public import Foundation

/// The formats of an import file: JSON lines, or CSV with a header row.
public enum ImportFormat: String, CaseIterable, Sendable {
    case jsonl, csv

    /// The format a file's name says: `.csv` is CSV, anything else JSON lines.
    public static func of(fileNamed name: String) -> ImportFormat {
        name.lowercased().hasSuffix(".csv") ? .csv : .jsonl
    }
}

/// Turns an import file, read in chunks, into the JSON lines the node imports: a UTF-8 byte order mark at its start
/// (spreadsheet exports often write one) is dropped, and CSV becomes one JSON line per input line, so the line
/// numbers the node reports are the file's. The CLI uses it on the way to the node, the UI's uploads on the node.
public final class ImportFileConverter {
    private let csv: CSVToJSONLines?
    private var first = true

    public init(format: ImportFormat) {
        csv = format == .csv ? CSVToJSONLines() : nil
    }

    /// The JSON lines for the file's next chunk (empty while a CSV record is not complete).
    public func feed(_ chunk: Data) throws -> Data {
        var data = chunk
        if first, !data.isEmpty {
            first = false
            if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        }
        guard let csv else { return data }
        return Data(try csv.feed(data))
    }

    /// What remains once the file has ended; throws for a CSV file that ends inside a quoted field.
    public func finish() throws -> Data {
        guard let csv else { return Data() }
        return Data(try csv.finish())
    }
}
