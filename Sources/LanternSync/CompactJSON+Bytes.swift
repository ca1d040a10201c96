/// A signal's fields as bytes (a stored row's columns, read in place), with `attributes`, `context` and `tags`
/// already compact JSON: what `CompactJSON.appendSignalBody` writes a body from without building any string.
public struct SignalBodyFields {
    public var attributes, audience, context, id, origin, rawValue, reviewStatus, severity, tags, taxonomyVersion, type, value: UnsafeRawBufferPointer
    public var createdAt, expiresAt, updatedAt: Int64
    public var revision: UInt64

    public init(
        attributes: UnsafeRawBufferPointer, audience: UnsafeRawBufferPointer, context: UnsafeRawBufferPointer, createdAt: Int64,
        expiresAt: Int64, id: UnsafeRawBufferPointer, origin: UnsafeRawBufferPointer, rawValue: UnsafeRawBufferPointer,
        reviewStatus: UnsafeRawBufferPointer, revision: UInt64, severity: UnsafeRawBufferPointer, tags: UnsafeRawBufferPointer,
        taxonomyVersion: UnsafeRawBufferPointer, type: UnsafeRawBufferPointer, updatedAt: Int64, value: UnsafeRawBufferPointer
    ) {
        (self.attributes, self.audience, self.context, self.id, self.origin, self.rawValue) = (attributes, audience, context, id, origin, rawValue)
        (self.reviewStatus, self.severity, self.tags, self.taxonomyVersion, self.type, self.value) =
            (reviewStatus, severity, tags, taxonomyVersion, type, value)
        (self.createdAt, self.expiresAt, self.updatedAt, self.revision) = (createdAt, expiresAt, updatedAt, revision)
    }
}

extension CompactJSON {
    /// Appends the canonical body of a signal: the one place that fixes the body's keys and their order. An origin
    /// serving a full sync writes every body this way, straight from its rows.
    public static func appendSignalBody(_ f: SignalBodyFields, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"attributes":"#.utf8)
        out.append(contentsOf: f.attributes)
        out.append(contentsOf: #","audience":"#.utf8)
        appendString(f.audience, to: &out)
        out.append(contentsOf: #","context":"#.utf8)
        out.append(contentsOf: f.context)
        out.append(contentsOf: #","created_at":"#.utf8)
        appendInteger(f.createdAt, to: &out)
        out.append(contentsOf: #","expires_at":"#.utf8)
        appendInteger(f.expiresAt, to: &out)
        out.append(contentsOf: #","id":""#.utf8)
        out.append(contentsOf: f.id)
        out.append(contentsOf: #"","origin":""#.utf8)
        out.append(contentsOf: f.origin)
        out.append(contentsOf: #"","raw_value":"#.utf8)
        appendString(f.rawValue, to: &out)
        out.append(contentsOf: #","review_status":""#.utf8)
        out.append(contentsOf: f.reviewStatus)
        out.append(contentsOf: #"","revision":"#.utf8)
        appendInteger(f.revision, to: &out)
        out.append(contentsOf: #","severity":""#.utf8)
        out.append(contentsOf: f.severity)
        out.append(contentsOf: #"","tags":"#.utf8)
        out.append(contentsOf: f.tags)
        out.append(contentsOf: #","taxonomy_version":"#.utf8)
        appendString(f.taxonomyVersion, to: &out)
        out.append(contentsOf: #","type":""#.utf8)
        out.append(contentsOf: f.type)
        out.append(contentsOf: #"","updated_at":"#.utf8)
        appendInteger(f.updatedAt, to: &out)
        out.append(contentsOf: #","value":"#.utf8)
        appendString(f.value, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Appends `bytes` (UTF-8) as a JSON string literal, escaped exactly as `appendString(_:to:)` escapes text.
    public static func appendString(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        guard bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return
        }
        let hex = Array("0123456789abcdef".utf8)
        for byte in bytes {
            switch byte {
            case 0x22: out.append(contentsOf: #"\""#.utf8)
            case 0x5C: out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case ..<0x20: out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends a whole number in decimal.
    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendInteger(value.magnitude, to: &out)
    }

    static func appendInteger(_ value: UInt64, to out: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for the 20 digits of UInt64.max
        withUnsafeMutableBytes(of: &digits) { buffer in
            var rest = value
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
                rest /= 10
            } while rest > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start...]))
        }
    }
}
