import Foundation
import NIOHTTP1

/// `lantern match --file`: streams a file of the company's own items through `POST /v1/match` in batches and
/// writes what matched as JSON lines, resuming where it stopped.
///
/// After each batch it appends the batch's results to the output and then records, in `<output>.progress`, how
/// far the input was read and how long the output was. An interrupted run, started again with the same files,
/// cuts the output back to that length and goes on from that input offset, so every item is reported exactly
/// once. The input is never held in memory beyond one batch.
public struct BacklogReview: Sendable {
    public let input: String
    public let output: String
    public let batchSize: Int
    public let client: APIClient
    public let showProgress: Bool

    public init(input: String, output: String, batchSize: Int, client: APIClient, showProgress: Bool) {
        self.input = input
        self.output = output
        self.batchSize = batchSize
        self.client = client
        self.showProgress = showProgress
    }

    struct Checkpoint: Codable {
        var input: String
        var offset: Int
        var line: Int
        var outputBytes: Int
        var items = 0
        var matched = 0
        var errors = 0
    }

    public struct Summary: Sendable {
        public var items = 0
        public var matched = 0
        public var errors = 0
        public var resumedAtLine: Int?
    }

    public var checkpointPath: String { output + ".progress" }

    public func run() async throws -> Summary {
        guard let source = FileHandle(forReadingAtPath: input) else { throw ClientError(.failure, "Cannot read \(input).") }
        defer { try? source.close() }
        let digest = try FileDigest.sha256(path: input)
        var checkpoint = Checkpoint(input: digest, offset: 0, line: 0, outputBytes: 0)
        var summary = Summary()
        if let data = FileManager.default.contents(atPath: checkpointPath), let saved = try? JSONDecoder().decode(Checkpoint.self, from: data) {
            guard saved.input == digest else {
                throw ClientError(.refused, "\(checkpointPath) belongs to another input file; remove it, or the output, to start again.")
            }
            checkpoint = saved
            summary.resumedAtLine = saved.line + 1
        } else if FileManager.default.fileExists(atPath: output) {
            throw ClientError(.refused, "\(output) exists and there is no run of this input to resume: choose another output.")
        }
        if !FileManager.default.fileExists(atPath: output) {
            // The checkpoint first: an output without one is never taken for a run to resume.
            try JSONEncoder().encode(checkpoint).write(to: URL(fileURLWithPath: checkpointPath), options: .atomic)
            FileManager.default.createFile(atPath: output, contents: nil)
        }
        guard let sink = FileHandle(forUpdatingAtPath: output) else { throw ClientError(.failure, "Cannot write \(output).") }
        defer { try? sink.close() }
        try sink.truncate(atOffset: UInt64(checkpoint.outputBytes))
        try sink.seekToEnd()
        try source.seek(toOffset: UInt64(checkpoint.offset))
        let total = Int((try FileManager.default.attributesOfItem(atPath: input)[.size] as? NSNumber)?.intValue ?? 0)
        let progress = ProgressBar(total: total, enabled: showProgress)
        progress.advance(by: checkpoint.offset)

        let base = checkpoint.offset
        var lines = LineReader(handle: source)
        var pending: [(line: Int, data: Data)] = []
        var readEnd = base
        while true {
            var batch: [(line: Int, end: Int, item: [String: Any]?)] = []
            while batch.count < batchSize, let (text, end) = try lines.next() {
                checkpoint.line += 1
                readEnd = base + end
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { continue }
                let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any]
                // An item the node could not even read would fail the whole batch: it is reported here instead.
                if let object, let problem = Self.problem(object) {
                    checkpoint.items += 1
                    checkpoint.errors += 1
                    FileHandle.standardError.write(Data("line \(checkpoint.line): \(problem.field): \(problem.message)\n".utf8))
                    var failure: [String: Any] = ["line": checkpoint.line, "error": ["field": problem.field, "message": problem.message]]
                    failure["ref"] = object["ref"] as? String
                    pending.append((checkpoint.line, try Self.line(failure)))
                    continue
                }
                batch.append((checkpoint.line, base + end, object))
            }
            guard !batch.isEmpty || !pending.isEmpty else { break }
            var written = pending
            pending = []
            let items = batch.compactMap { $0.item }
            var results: [[String: Any]] = []
            if !items.isEmpty {
                let reply = try await client.send(.POST, "/v1/match", json: try JSONSerialization.data(withJSONObject: ["items": items]))
                results = (try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])?["results"] as? [[String: Any]] ?? []
                guard results.count == items.count else {
                    throw ClientError(.failure, "The node answered \(results.count) results for \(items.count) items.")
                }
            }
            var next = results.makeIterator()
            for entry in batch {
                checkpoint.items += 1
                guard let item = entry.item else {
                    checkpoint.errors += 1
                    FileHandle.standardError.write(Data("line \(entry.line): line: The line is not a JSON object.\n".utf8))
                    written.append(
                        (entry.line, try Self.line(["line": entry.line, "error": ["field": "line", "message": "The line is not a JSON object."]])))
                    continue
                }
                guard var result = next.next() else { continue }
                result["line"] = entry.line
                if result["ref"] == nil, let ref = item["ref"] { result["ref"] = ref }
                if var error = result["error"] as? [String: Any] {
                    checkpoint.errors += 1
                    let field = (error["field"] as? String ?? "").replacingOccurrences(
                        of: #"^items\[\d+\]\."#, with: "", options: .regularExpression)
                    error["field"] = field
                    result["error"] = error
                    FileHandle.standardError.write(Data("line \(entry.line): \(field): \(error["message"] as? String ?? "")\n".utf8))
                    written.append((entry.line, try Self.line(result)))
                } else if let matches = result["matches"] as? [Any], !matches.isEmpty {
                    checkpoint.matched += 1
                    written.append((entry.line, try Self.line(result)))
                }
            }
            // In the input's order, whichever step reported each line.
            let out = written.sorted { $0.line < $1.line }.reduce(into: Data()) { $0 += $1.data }
            sink.write(out)
            try sink.synchronize()
            checkpoint.outputBytes += out.count
            progress.advance(by: readEnd - checkpoint.offset)
            checkpoint.offset = readEnd
            try JSONEncoder().encode(checkpoint).write(to: URL(fileURLWithPath: checkpointPath), options: .atomic)
        }
        progress.finish()
        try? FileManager.default.removeItem(atPath: checkpointPath)
        summary.items = checkpoint.items
        summary.matched = checkpoint.matched
        summary.errors = checkpoint.errors
        return summary
    }

    /// What is wrong with an item's shape, if anything: `type` and `value` are strings, numbers whole numbers.
    static func problem(_ item: [String: Any]?) -> (field: String, message: String)? {
        guard let item else { return nil }
        for field in ["type", "value"] where !(item[field] is String) {
            return (field, "Each item needs a '\(field)' string.")
        }
        for field in ["ref", "media_kind", "platform", "provider", "language"] where item[field] != nil && !(item[field] is String) {
            return (field, "'\(field)' is a string.")
        }
        for field in ["quality", "threshold"] where item[field] != nil && !(item[field] is Int) {
            return (field, "'\(field)' is a whole number.")
        }
        return nil
    }

    static func line(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) + Data("\n".utf8)
    }
}

/// Reads a file line by line in chunks, with each line's end as an offset from where reading started.
struct LineReader {
    let handle: FileHandle
    private var buffer = Data()
    private var consumed = 0
    private var finished = false

    init(handle: FileHandle) {
        self.handle = handle
    }

    /// The next line without its newline, and the offset just after it; nil at the end.
    mutating func next() throws -> (String, Int)? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                let length = newline - buffer.startIndex + 1
                consumed += length
                buffer = buffer[(newline + 1)...]
                return (String(decoding: line, as: UTF8.self), consumed)
            }
            if finished {
                guard !buffer.isEmpty else { return nil }
                consumed += buffer.count
                defer { buffer = Data() }
                return (String(decoding: buffer, as: UTF8.self), consumed)
            }
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { finished = true } else { buffer = Data(buffer) + chunk }
        }
    }
}
