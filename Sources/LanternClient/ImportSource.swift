public import Foundation
import LanternCore
public import NIOCore

/// The formats of an import file.
public enum ImportFormat: String, CaseIterable, Sendable {
    case jsonl, csv
}

/// Reads the import file in chunks, turning CSV into JSON lines on the way, one output line per input line so
/// the node's line numbers are the file's.
public final class ImportSource: @unchecked Sendable {
    private let handle: FileHandle
    private let format: ImportFormat
    private let progress: ProgressBar
    private var csv: CSVToJSONLines?
    private var done = false
    private var first = true
    public private(set) var failure: String?

    public init(handle: FileHandle, format: ImportFormat, progress: ProgressBar) {
        self.handle = handle
        self.format = format
        self.progress = progress
        if format == .csv { csv = CSVToJSONLines() }
    }

    /// The next chunk, throwing when the file turned out to be unreadable (a CSV file ending inside quotes).
    public func nextOrFail() throws -> ByteBuffer? {
        let chunk = next()
        if let failure { throw ClientError(.failure, failure) }
        return chunk
    }

    /// The next chunk to send, or `nil` at the end. Called serially by the HTTP client.
    public func next() -> ByteBuffer? {
        while !done {
            var data = handle.readData(ofLength: 256 * 1024)
            progress.advance(by: data.count)
            if first {
                // Spreadsheet exports often start with a UTF-8 byte order mark; it is not part of the first field.
                first = false
                if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
            }
            if data.isEmpty {
                done = true
                if let csv, let tail = finishCSV(csv) { return tail }
                return nil
            }
            guard let csv else { return ByteBuffer(bytes: data) }
            do {
                let out = try csv.feed(data)
                if !out.isEmpty { return ByteBuffer(bytes: out) }
            } catch {
                failure = "\(error)"
                done = true
                return nil
            }
        }
        return nil
    }

    private func finishCSV(_ csv: CSVToJSONLines) -> ByteBuffer? {
        do {
            let out = try csv.finish()
            return out.isEmpty ? nil : ByteBuffer(bytes: out)
        } catch {
            failure = "\(error)"
            return nil
        }
    }
}
