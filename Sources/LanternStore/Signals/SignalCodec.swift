import Foundation
import GRDB
public import LanternCore
import LanternSync
import LanternWire

/// Converts signals to and from rows of the `signals` table.
struct SignalCodec {
    let decoder: JSONDecoder

    init() {
        decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
    }

    static let columns =
        "id, origin, revision, seq, type, value, raw_value, attributes, tags, taxonomy_version, severity, review_status, audience, created_at, updated_at, expires_at, context"

    /// The statement that writes a signal row, with its parameters in `columns` order. A removal is final:
    ///
    /// - `guarded` (this node's own writes) inserts nothing for an id with a tombstone, and `insert` then throws;
    /// - otherwise (received batches, which replace older revisions) it writes the row as it is: `BatchWriter` runs
    ///   only what `EventApplier` planned from the states `localStates` read in the same transaction, tombstones
    ///   included, so the check is made once per event, not twice.
    ///
    /// Until migration `v6-removal-check-in-insert` a trigger checked every inserted row, at the cost of a trigger
    /// program per row: a seventh of a received signal's write.
    static func insertSQL(guarded: Bool) -> String {
        let values = (1...17).map { "?\($0)" }.joined(separator: ",")
        return guarded
            ? "INSERT INTO signals (\(columns)) SELECT \(values) WHERE NOT EXISTS (SELECT 1 FROM removals WHERE id = ?1)"
            : "INSERT OR REPLACE INTO signals (\(columns)) VALUES (\(values))"
    }

    /// Inserts (or, with an `INSERT OR REPLACE` statement, replaces) the signal's row with `statement`, made from
    /// `insertSQL`, binding each value directly. - Throws: `StoreError.removedSignal` when a guarded statement
    /// refused a removed id.
    func insert(_ signal: Signal, seq: Int64, with statement: Statement, in db: Database) throws {
        var row = DirectBinding(statement, in: db)
        row.bind(signal.id.rawValue)
        row.bind(signal.origin.rawValue)
        row.bind(Int64(signal.revision))
        row.bind(seq)
        row.bind(signal.type.rawValue)
        row.bind(signal.value.normalized)
        row.bind(signal.value.raw)
        row.bind(CompactJSON.attributes(signal.value.attributes))
        row.bind(CompactJSON.strings(signal.tags.map { $0.description }))
        row.bind(signal.taxonomyVersion)
        row.bind(signal.severity.rawValue)
        row.bind(signal.reviewStatus.rawValue)
        row.bind(Self.audienceText(signal.audience))
        row.bind(signal.createdAt.millisecondsSince1970)
        row.bind(signal.updatedAt.millisecondsSince1970)
        row.bind(signal.expiresAt.millisecondsSince1970)
        row.bind(CompactJSON.context(signal.context))
        try row.run()
        guard db.changesCount > 0 else { throw StoreError.removedSignal(signal.id.rawValue) }
    }

    /// Audiences as stored: `all`, `financial`, or `allow:` and the members joined by commas, sorted.
    static func audienceText(_ audience: Audience) -> String {
        switch audience {
        case .all, .financial: audience.description
        case .allowlist: "allow:" + audience.description
        }
    }

    /// Reads the stored form of an audience.
    static func audience(from text: String) -> Audience? {
        try? Audience.parse(text.hasPrefix("allow:") ? String(text.dropFirst(6)) : text)
    }

    /// The signal's canonical body (`SignalWire`, `CanonicalSignalBody`) assembled straight from its row, which
    /// stores the same compact JSON for attributes, tags and context: no decoding, so the chain builder and the
    /// peer endpoint stay off the import's critical path. A test keeps the two encodings identical.
    ///
    /// `row` must hold `columns`, in their order: it is read by position, because looking columns up by name costs
    /// more than building the body.
    static func wireBody(_ row: Row) -> Data {
        let body = CanonicalSignalBody.text(
            attributes: row[7], audience: row[12], context: row[16], createdAt: row[13], expiresAt: row[15], id: row[0], origin: row[1],
            rawValue: row[6], reviewStatus: row[11], revision: UInt64(max(0, row[2] as Int64)), severity: row[10], tags: row[8],
            taxonomyVersion: row[9], type: row[4], updatedAt: row[14], value: row[5])
        return Data(body.utf8)
    }

    /// The same body, appended to `out`, from a query stepped through SQLite whose columns from `first` on are
    /// `columns`: read in place, no string made.
    static func appendWireBody(of query: DirectBinding, from first: Int32, to out: inout [UInt8]) {
        let o = first
        CanonicalSignalBody(
            attributes: query.bytes(at: o + 7), audience: query.bytes(at: o + 12), context: query.bytes(at: o + 16),
            createdAt: query.int64(at: o + 13), expiresAt: query.int64(at: o + 15), id: query.bytes(at: o), origin: query.bytes(at: o + 1),
            rawValue: query.bytes(at: o + 6), reviewStatus: query.bytes(at: o + 11), revision: UInt64(max(0, query.int64(at: o + 2))),
            severity: query.bytes(at: o + 10), tags: query.bytes(at: o + 8), taxonomyVersion: query.bytes(at: o + 9),
            type: query.bytes(at: o + 4), updatedAt: query.int64(at: o + 14), value: query.bytes(at: o + 5)
        ).append(to: &out)
    }

    /// `columns`, each name prefixed (with a table alias).
    static func columns(prefix: String) -> String {
        columns.split(separator: ",").map { prefix + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
    }

    func decode(_ row: Row) throws -> StoredSignal {
        let rawID: String = row["id"]
        func corrupt(_ what: String) -> StoreError { .corrupt("\(what) of signal \(rawID)") }
        guard let id = SignalID(rawID) else { throw corrupt("id") }
        guard let origin = ParticipantID(row["origin"]) else { throw corrupt("origin") }
        guard let type = SignalType(rawValue: row["type"]) else { throw corrupt("type") }
        guard let severity = Severity(rawValue: row["severity"]) else { throw corrupt("severity") }
        guard let review = ReviewStatus(rawValue: row["review_status"]) else { throw corrupt("review status") }
        guard let audience = Self.audience(from: row["audience"]) else { throw corrupt("audience") }
        let attributes = try decoder.decode(SignalAttributes.self, from: Data((row["attributes"] as String).utf8))
        let context = try decoder.decode(SignalContext.self, from: Data((row["context"] as String).utf8))
        let tagTexts = try decoder.decode([String].self, from: Data((row["tags"] as String).utf8))
        let tags = tagTexts.map { text -> TagRef in
            if let colon = text.firstIndex(of: ":") {
                return TagRef(id: String(text[..<colon]), parameter: String(text[text.index(after: colon)...]))
            }
            return TagRef(id: text)
        }
        let revision: Int64 = row["revision"]
        let signal = Signal(
            id: id, origin: origin, revision: UInt64(max(0, revision)),
            value: SignalValue(type: type, normalized: row["value"], raw: row["raw_value"], attributes: attributes),
            tags: tags, taxonomyVersion: row["taxonomy_version"], severity: severity, reviewStatus: review,
            audience: audience, createdAt: Date(milliseconds: row["created_at"]),
            updatedAt: Date(milliseconds: row["updated_at"]), expiresAt: Date(milliseconds: row["expires_at"]),
            context: context)
        return StoredSignal(signal: signal, seq: row["seq"])
    }
}

/// A signal with this node's change sequence number for it.
public struct StoredSignal: Sendable, Equatable {
    public var signal: Signal
    public var seq: Int64
}
