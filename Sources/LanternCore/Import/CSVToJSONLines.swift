public import Foundation

/// Streams CSV (RFC 4180) into JSON lines for the import endpoint.
///
/// The header row names fields as the API does (`type`, `value`, `tags`, `transaction.currency`, …). Every
/// physical input line yields exactly one output line (blank for the header and for continuation lines of quoted
/// fields), so line numbers reported by the node are the file's.
public final class CSVToJSONLines {
    public struct CSVError: Error, CustomStringConvertible {
        public var description: String
    }

    static let listFields: Set<String> = ["tags", "related"]
    static let integerFields: Set<String> = ["quality", "confidence"]
    static let boolFields: Set<String> = ["path_prefix"]

    private var header: [String]?
    private var fields: [String] = []
    private var field: [UInt8] = []
    private var inQuotes = false
    private var afterQuote = false
    private var physicalLines = 0
    private var pendingQuote = false

    public init() {}

    public func feed(_ data: Data) throws -> [UInt8] {
        var out: [UInt8] = []
        for byte in data { try consume(byte, into: &out) }
        return out
    }

    public func finish() throws -> [UInt8] {
        var out: [UInt8] = []
        if inQuotes { throw CSVError(description: "The CSV file ends inside a quoted field.") }
        if !field.isEmpty || !fields.isEmpty { try endRecord(into: &out) }
        return out
    }

    private func consume(_ byte: UInt8, into out: inout [UInt8]) throws {
        if inQuotes {
            if byte == UInt8(ascii: "\"") {
                inQuotes = false
                afterQuote = true
            } else {
                if byte == 0x0A { physicalLines += 1 }
                field.append(byte)
            }
            return
        }
        switch byte {
        case UInt8(ascii: "\""):
            if afterQuote {
                field.append(byte)  // "" inside a quoted field
                afterQuote = false
                inQuotes = true
            } else if field.isEmpty {
                inQuotes = true
            } else {
                field.append(byte)  // a quote inside an unquoted field is an ordinary character
            }
        case UInt8(ascii: ","):
            afterQuote = false
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        case 0x0D:
            break
        case 0x0A:
            afterQuote = false
            physicalLines += 1
            try endRecord(into: &out)
        default:
            afterQuote = false
            field.append(byte)
        }
    }

    private func endRecord(into out: inout [UInt8]) throws {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        defer {
            fields.removeAll(keepingCapacity: true)
            // Continuation lines of multi-line fields become blank lines.
            if physicalLines > 1 { out += [UInt8](repeating: 0x0A, count: physicalLines - 1) }
            physicalLines = 0
        }
        guard let header else {
            let names = fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            // A column named twice would say two things about one field: refused, not read one of two ways.
            if let repeated = names.enumerated().first(where: { !$0.element.isEmpty && names[..<$0.offset].contains($0.element) })?.element {
                throw CSVError(description: "The CSV header names the column '\(repeated)' twice.")
            }
            self.header = names
            out.append(0x0A)
            return
        }
        if fields.count == 1, fields[0].isEmpty {
            out.append(0x0A)
            return
        }
        var object: [String: Any] = [:]
        var transaction: [String: Any] = [:]
        for (index, name) in header.enumerated() where index < fields.count {
            let text = fields[index]
            if text.isEmpty { continue }
            let value: Any
            if Self.listFields.contains(name) {
                value = text.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            } else if Self.integerFields.contains(name), let number = Int(text) {
                value = number
            } else if Self.boolFields.contains(name) {
                value = ["true", "1", "yes"].contains(text.lowercased())
            } else {
                value = text
            }
            if name.hasPrefix("transaction.") {
                transaction[String(name.dropFirst("transaction.".count))] = value
            } else {
                object[name] = value
            }
        }
        if !transaction.isEmpty { object["transaction"] = transaction }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        out += data
        out.append(0x0A)
    }
}
