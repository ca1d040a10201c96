import Crypto
import Foundation
import Hummingbird
import LanternCore
import MultipartKit

/// Reads a `multipart/form-data` upload as it streams in: its small fields into memory, its one file into a file of
/// the node's home with the file's SHA-256, so a file of any size allowed costs no more memory than a chunk.
struct UploadReceiver {
    /// What a form sent.
    struct Received {
        var fields: [String: String] = [:]
        var fileName: String?
        var bytes = 0
        /// `sha256:` and the file's digest, as the CLI names an import.
        var digest = ""
    }

    /// The field that carries the file.
    let fileField: String
    /// The largest body accepted, in bytes.
    let maxBytes: Int
    /// The longest other field, in bytes, and how many of them.
    let maxFieldBytes = 4096
    let maxFields = 16
    /// The most bytes read without a part's header or body coming out of the parser. The parser gathers a header
    /// line whole before it hands it over, so this bounds what a never-ending header can make it hold.
    let maxHeaderBytes = 16 * 1024

    /// The boundary a `multipart/form-data` content type names, or nil.
    static func boundary(of contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = part.dropFirst("boundary=".count)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return (1...70).contains(value.count) ? String(value) : nil
        }
        return nil
    }

    /// Reads the body, writing the file part into `file`.
    func receive(_ request: Request, into file: URL) async throws -> Received {
        guard let type = request.headers[.contentType], let boundary = Self.boundary(of: type) else {
            throw UIFailure.badForm("The upload must be sent as multipart/form-data, as the page's form sends it.")
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        let state = PartReader(fileField: fileField, maxFieldBytes: maxFieldBytes, maxFields: maxFields, file: handle)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in state.header(name, value) }
        parser.onBody = { buffer in state.body(&buffer) }
        parser.onPartComplete = { state.partComplete() }
        var total = 0
        var quiet = 0
        for try await chunk in request.body {
            total += chunk.readableBytes
            guard total <= maxBytes else {
                throw UIFailure(
                    status: .contentTooLarge, heading: "File too large",
                    message: "The upload is larger than the \(maxBytes / 1_048_576) MiB this node accepts; import it with `lantern signal import`.")
            }
            let callbacks = state.callbacks
            do {
                try parser.execute(chunk)
            } catch {
                throw UIFailure.badForm("The upload could not be read as multipart/form-data.")
            }
            if let problem = state.problem { throw UIFailure.badForm(problem) }
            quiet = state.callbacks == callbacks ? quiet + chunk.readableBytes : 0
            guard quiet <= maxHeaderBytes else {
                throw UIFailure.badForm("The upload has a part whose headers are longer than \(maxHeaderBytes) bytes.")
            }
        }
        guard state.complete else { throw UIFailure.badForm("The upload ended before its last part.") }
        return Received(
            fields: state.fields, fileName: state.fileName, bytes: state.fileBytes, digest: "sha256:" + Hex.encode(state.hasher.finalize()))
    }
}

/// The parser's callbacks' state: the part being read, the fields read so far, and the file's writer and digest.
private final class PartReader {
    let fileField: String
    let maxFieldBytes: Int
    let maxFields: Int
    let file: FileHandle
    var fields: [String: String] = [:]
    var fileName: String?
    var fileBytes = 0
    var hasher = SHA256()
    var problem: String?
    /// How many times the parser called back: the receiver's measure of progress through headers.
    var callbacks = 0
    /// Whether every part begun was read to its end.
    var complete: Bool { parts > 0 && !inPart }
    private var parts = 0
    private var inPart = false

    private var name: String?
    private var isFile = false
    private var value: [UInt8] = []
    /// The file's bytes not yet written: the parser hands the body over in pieces as small as a line (it stops at
    /// every carriage return), so writes and digest updates go in blocks.
    private var pending: [UInt8] = []
    private static let block = 256 * 1024

    init(fileField: String, maxFieldBytes: Int, maxFields: Int, file: FileHandle) {
        self.fileField = fileField
        self.maxFieldBytes = maxFieldBytes
        self.maxFields = maxFields
        self.file = file
    }

    func header(_ header: String, _ value: String) {
        callbacks += 1
        if !inPart {
            inPart = true
            parts += 1
        }
        guard header.lowercased() == "content-disposition" else { return }
        name = Self.parameter("name", in: value)
        isFile = name == fileField
        if isFile {
            if fileName != nil { problem = "The upload holds more than one file; send one at a time." }
            fileName = Self.parameter("filename", in: value) ?? "upload"
        }
    }

    func body(_ buffer: inout ByteBuffer) {
        callbacks += 1
        guard problem == nil else { return }
        if isFile {
            pending += buffer.readableBytesView
            if pending.count >= Self.block { writePending() }
        } else {
            value += buffer.readableBytesView
            if value.count > maxFieldBytes { problem = "The form's field '\(name ?? "")' is longer than \(maxFieldBytes) bytes." }
        }
    }

    func partComplete() {
        callbacks += 1
        if isFile { writePending() }
        if let name, !isFile {
            fields[name] = String(decoding: value, as: UTF8.self)
            if fields.count > maxFields { problem = "The form has more than \(maxFields) fields." }
        }
        name = nil
        isFile = false
        value = []
        inPart = false
    }

    private func writePending() {
        guard problem == nil, !pending.isEmpty else { return }
        hasher.update(data: pending)
        fileBytes += pending.count
        do {
            try file.write(contentsOf: pending)
        } catch {
            problem = "The node could not keep the upload: \(error)."
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// A parameter of a `Content-Disposition` value, such as `name="file"`.
    static func parameter(_ key: String, in header: String) -> String? {
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            guard pair.lowercased().hasPrefix(key + "=") else { continue }
            var value = pair.dropFirst(key.count + 1)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return String(value.prefix(200))
        }
        return nil
    }
}
