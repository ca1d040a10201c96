public import Foundation
public import LanternCore
public import NIOCore

/// Reads the import file in chunks, turning CSV into JSON lines on the way, one output line per input line so
/// the node's line numbers are the file's.
public final class ImportSource: @unchecked Sendable {
    private let handle: FileHandle
    private let converter: ImportFileConverter
    private let progress: ProgressBar
    private var done = false
    public private(set) var failure: String?

    public init(handle: FileHandle, format: ImportFormat, progress: ProgressBar) {
        self.handle = handle
        self.converter = ImportFileConverter(format: format)
        self.progress = progress
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
            let data = handle.readData(ofLength: 256 * 1024)
            progress.advance(by: data.count)
            do {
                if data.isEmpty {
                    done = true
                    let tail = try converter.finish()
                    return tail.isEmpty ? nil : ByteBuffer(bytes: tail)
                }
                let out = try converter.feed(data)
                if !out.isEmpty { return ByteBuffer(bytes: out) }
            } catch {
                failure = "\(error)"
                done = true
                return nil
            }
        }
        return nil
    }
}
