/// The protocol's canonical body of a signal, from its parts as UTF-8 bytes (`attributes`, `context` and `tags`
/// already compact JSON; the rest plain text or whole numbers), written without building any string. Where the
/// parts come from is the caller's business: the store reads them in place from a row's columns, the protocol
/// module from a `Signal`.
public struct CanonicalSignalBody {
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

    /// Appends the canonical body of a signal: the one place that fixes the body's keys and their order. An origin
    /// serving a full sync writes every body this way, straight from its rows.
    public func append(to out: inout [UInt8]) {
        out.append(contentsOf: #"{"attributes":"#.utf8)
        out.append(contentsOf: attributes)
        out.append(contentsOf: #","audience":"#.utf8)
        JSONText.appendString(audience, to: &out)
        out.append(contentsOf: #","context":"#.utf8)
        out.append(contentsOf: context)
        out.append(contentsOf: #","created_at":"#.utf8)
        JSONText.appendInteger(createdAt, to: &out)
        out.append(contentsOf: #","expires_at":"#.utf8)
        JSONText.appendInteger(expiresAt, to: &out)
        out.append(contentsOf: #","id":""#.utf8)
        out.append(contentsOf: id)
        out.append(contentsOf: #"","origin":""#.utf8)
        out.append(contentsOf: origin)
        out.append(contentsOf: #"","raw_value":"#.utf8)
        JSONText.appendString(rawValue, to: &out)
        out.append(contentsOf: #","review_status":""#.utf8)
        out.append(contentsOf: reviewStatus)
        out.append(contentsOf: #"","revision":"#.utf8)
        JSONText.appendInteger(revision, to: &out)
        out.append(contentsOf: #","severity":""#.utf8)
        out.append(contentsOf: severity)
        out.append(contentsOf: #"","tags":"#.utf8)
        out.append(contentsOf: tags)
        out.append(contentsOf: #","taxonomy_version":"#.utf8)
        JSONText.appendString(taxonomyVersion, to: &out)
        out.append(contentsOf: #","type":""#.utf8)
        out.append(contentsOf: type)
        out.append(contentsOf: #"","updated_at":"#.utf8)
        JSONText.appendInteger(updatedAt, to: &out)
        out.append(contentsOf: #","value":"#.utf8)
        JSONText.appendString(value, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// The canonical body from its parts as text, with `attributes`, `context` and `tags` already compact JSON.
    public static func text(
        attributes: String, audience: String, context: String, createdAt: Int64, expiresAt: Int64, id: String, origin: String,
        rawValue: String, reviewStatus: String, revision: UInt64, severity: String, tags: String, taxonomyVersion: String, type: String,
        updatedAt: Int64, value: String
    ) -> String {
        // The texts side by side in one buffer, each field a view of its part.
        var storage: [UInt8] = []
        var ranges: [Range<Int>] = []
        for text in [attributes, audience, context, id, origin, rawValue, reviewStatus, severity, tags, taxonomyVersion, type, value] {
            let start = storage.count
            storage.append(contentsOf: text.utf8)
            ranges.append(start..<storage.count)
        }
        return storage.withUnsafeBytes { raw in
            func part(_ index: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: raw[ranges[index]]) }
            var out: [UInt8] = []
            out.reserveCapacity(storage.count + 256)
            Self(
                attributes: part(0), audience: part(1), context: part(2), createdAt: createdAt, expiresAt: expiresAt, id: part(3),
                origin: part(4), rawValue: part(5), reviewStatus: part(6), revision: revision, severity: part(7), tags: part(8),
                taxonomyVersion: part(9), type: part(10), updatedAt: updatedAt, value: part(11)
            ).append(to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }
}
