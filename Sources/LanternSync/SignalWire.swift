public import Foundation
public import LanternCore
import LanternWire

/// A signal as it travels between nodes: the body of an `upsert` event.
///
/// The encoding is canonical (sorted keys, dates in whole milliseconds, no optional field when absent), so every
/// node that holds the same signal produces the same bytes, and a relay can rebuild the body its chain committed to.
public struct SignalWire: Codable, Sendable, Equatable {
    public var id: String
    public var origin: String
    public var revision: UInt64
    public var type: String
    public var value: String
    public var rawValue: String
    public var attributes: SignalAttributes
    public var tags: [String]
    public var taxonomyVersion: String
    public var severity: String
    public var reviewStatus: String
    public var audience: String
    public var createdAt: Int64
    public var updatedAt: Int64
    public var expiresAt: Int64
    public var context: SignalContext

    enum CodingKeys: String, CodingKey {
        case id, origin, revision, type, value, attributes, tags, severity, audience, context
        case rawValue = "raw_value"
        case taxonomyVersion = "taxonomy_version"
        case reviewStatus = "review_status"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case expiresAt = "expires_at"
    }

    public init(_ signal: Signal) {
        id = signal.id.rawValue
        origin = signal.origin.rawValue
        revision = signal.revision
        type = signal.type.rawValue
        value = signal.value.normalized
        rawValue = signal.value.raw
        attributes = signal.value.attributes
        tags = signal.tags.map { $0.description }
        taxonomyVersion = signal.taxonomyVersion
        severity = signal.severity.rawValue
        reviewStatus = signal.reviewStatus.rawValue
        audience = Scope(signal.audience).description
        createdAt = Self.milliseconds(signal.createdAt)
        updatedAt = Self.milliseconds(signal.updatedAt)
        expiresAt = Self.milliseconds(signal.expiresAt)
        context = signal.context
    }

    static func milliseconds(_ date: Date) -> Int64 { Timestamp.milliseconds(date) }

    /// The canonical bytes of a signal.
    public static func encode(_ signal: Signal) -> Data {
        Data(CompactJSON.signal(signal).utf8)
    }

    /// Reads a body received from a peer and checks every field, as the API checks input from users: a peer's
    /// input is never trusted. The value must already be in normal form for its type.
    public static func decode(_ data: Data, limits: SignalValidator.Limits = .init()) throws(ValidationError) -> Signal {
        if let wire = parse(data) { return try wire.signal(limits: limits) }
        // The hand-written parser gives up on a repeated key; such a body is refused, not read one of two ways.
        if let key = JSONRepeatedKeys.first(in: data) {
            throw ValidationError(field: key, reason: "The body gives '\(key)' more than once.")
        }
        let wire: SignalWire
        do { wire = try decoder.decode(SignalWire.self, from: data) } catch {
            throw ValidationError(field: "body", reason: "The signal is not valid JSON of the expected shape: \(error)")
        }
        return try wire.signal(limits: limits)
    }

    func signal(limits: SignalValidator.Limits) throws(ValidationError) -> Signal {
        guard let id = SignalID(id), id.rawValue == self.id else { throw ValidationError(field: "id", reason: "'\(self.id)' is not a signal id.") }
        guard let origin = ParticipantID(origin) else { throw ValidationError(field: "origin", reason: ParticipantID.rule) }
        guard let type = SignalType(rawValue: type) else { throw ValidationError(field: "type", reason: "'\(type)' is not a signal type.") }
        let normalized = try ValueNormalizer.normalize(type: type, raw: rawValue, attributes: attributes)
        guard normalized.normalized == value, normalized.attributes == attributes else {
            throw ValidationError(field: "value", reason: "The value is not the normal form of its raw value.")
        }
        var parsedTags: [TagRef] = []
        for (index, text) in tags.enumerated() {
            guard let tag = Self.parseTag(text) else {
                throw ValidationError(field: "tags[\(index)]", reason: "'\(text)' is not a well-formed tag.")
            }
            parsedTags.append(tag)
        }
        guard !parsedTags.isEmpty, parsedTags.count <= limits.maxTags else {
            throw ValidationError(field: "tags", reason: "A signal has 1 to \(limits.maxTags) tags.")
        }
        guard let severity = Severity(rawValue: severity) else {
            throw ValidationError(field: "severity", reason: "'\(severity)' is not a severity.")
        }
        guard let review = ReviewStatus(rawValue: reviewStatus) else {
            throw ValidationError(field: "review_status", reason: "'\(reviewStatus)' is not a review status.")
        }
        guard let scope = Scope(audience), let parsedAudience = scope.audience else {
            throw ValidationError(field: "audience", reason: "'\(audience)' is not an audience.")
        }
        if let description = context.description,
            description.utf8.count > limits.descriptionMaxBytes || description.count > limits.descriptionMaxCharacters
        {
            throw ValidationError(
                field: "context.description",
                reason: "The description is longer than \(limits.descriptionMaxCharacters) characters or \(limits.descriptionMaxBytes) bytes.")
        }
        if let confidence = context.confidence, !(0...100).contains(confidence) {
            throw ValidationError(field: "context.confidence", reason: "A confidence is between 0 and 100.")
        }
        guard context.related.count <= limits.maxRelated, context.related.allSatisfy({ SignalID($0) != nil }) else {
            throw ValidationError(field: "context.related", reason: "Related ids must be signal ids, at most \(limits.maxRelated).")
        }
        guard (1...64).contains(taxonomyVersion.utf8.count) else {
            throw ValidationError(field: "taxonomy_version", reason: "A taxonomy version is 1 to 64 bytes.")
        }
        let created = try Self.heldDate(createdAt, field: "created_at")
        let updated = try Self.heldDate(updatedAt, field: "updated_at")
        let expires = try Self.heldDate(expiresAt, field: "expires_at")
        guard createdAt <= updatedAt, updatedAt < expiresAt else {
            throw ValidationError(field: "expires_at", reason: "The signal's dates are out of order.")
        }
        // Both are in the held range, so the difference cannot overflow.
        guard expiresAt - createdAt <= Int64(RetentionPolicy.longestDays) * 86_400_000 else {
            throw ValidationError(field: "expires_at", reason: "The expiry is later than the longest retention, \(RetentionPolicy.longestDays) days.")
        }
        try Self.checkContextDates(context)
        if let transaction = context.transaction {
            do throws(ValidationError) { try TransactionValidator.check(transaction) } catch {
                throw ValidationError(field: "context." + error.field, reason: error.reason)
            }
        }
        if scope == .financial, context.transaction == nil {
            throw ValidationError(field: "context.transaction", reason: "A financial-pool signal needs transaction details.")
        }
        return Signal(
            id: id, origin: origin, revision: revision, value: normalized, tags: parsedTags, taxonomyVersion: taxonomyVersion,
            severity: severity, reviewStatus: review, audience: parsedAudience, createdAt: created, updatedAt: updated, expiresAt: expires,
            context: context)
    }

    static func heldDate(_ milliseconds: Int64, field: String) throws(ValidationError) -> Date {
        guard let date = Timestamp.date(milliseconds: milliseconds) else {
            throw ValidationError(field: field, reason: "A date is in the years 1 to 9999.")
        }
        return date
    }

    /// The sightings are held dates, in order, as the API requires of a draft.
    static func checkContextDates(_ context: SignalContext) throws(ValidationError) {
        if let first = context.firstSeen, !Timestamp.isHeld(first) {
            throw ValidationError(field: "context.first_seen", reason: "A date is in the years 1 to 9999.")
        }
        if let last = context.lastSeen, !Timestamp.isHeld(last) {
            throw ValidationError(field: "context.last_seen", reason: "A date is in the years 1 to 9999.")
        }
        if let first = context.firstSeen, let last = context.lastSeen, last < first {
            throw ValidationError(field: "context.last_seen", reason: "The last sighting is earlier than the first.")
        }
    }

    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000) }

    /// A tag's text form, `id` or `id:parameter`: the id 1 to 64 of `a-z`, `0-9` and `_`; the parameter 1 to 64
    /// bytes with no whitespace and no colon. Read byte by byte, since every received signal has tags.
    static func parseTag(_ text: String) -> TagRef? {
        let utf8 = text.utf8
        // Outside ASCII a combining mark can make a colon part of another character: read by characters then.
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return parseTagByCharacter(text) }
        let colon = utf8.firstIndex(of: UInt8(ascii: ":"))
        let idBytes = utf8[..<(colon ?? utf8.endIndex)]
        guard TagRef.isValidID(idBytes) else { return nil }
        guard let colon else { return TagRef(id: text) }
        let parameter = text[utf8.index(after: colon)...]
        guard !parameter.isEmpty, parameter.utf8.count <= 64,
            !parameter.utf8.contains(where: { $0 == UInt8(ascii: " ") || (0x09...0x0D).contains($0) || $0 == UInt8(ascii: ":") })
        else { return nil }
        return TagRef(id: String(text[..<colon]), parameter: String(parameter))
    }

    /// The same rule read by characters, for text that is not all ASCII.
    static func parseTagByCharacter(_ text: String) -> TagRef? {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let id = String(parts[0])
        guard TagRef.isValidID(id.utf8) else { return nil }
        guard parts.count == 2 else { return TagRef(id: id) }
        let parameter = String(parts[1])
        guard !parameter.isEmpty, parameter.utf8.count <= 64, !parameter.contains(where: { $0.isWhitespace || $0 == ":" }) else { return nil }
        return TagRef(id: id, parameter: parameter)
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()
}

extension ChainBatch {
    /// The signals the batch's upserts carry, decoded and checked as `SignalWire.decode` does; bodies that do not
    /// decode are left out (applying the batch then decodes them again and names the error). A receiver calls it
    /// while the previous batch is being written, so the write transaction does not parse.
    public func decodedSignals() -> DecodedSignals {
        guard let first = events.first, let scope = Scope(head.scope), scope.audience != nil else { return .none }
        var slots: [Int32] = []
        var signals: [Signal] = []
        slots.reserveCapacity(events.count)
        signals.reserveCapacity(events.count)
        for index in events.indices {
            if events[index].kind == .upsert, let body = events[index].body, let signal = try? SignalWire.decode(body) {
                slots.append(Int32(signals.count))
                signals.append(signal)
            } else {
                slots.append(-1)
            }
        }
        return DecodedSignals(firstSeq: first.seq, slots: slots, signals: signals)
    }
}

/// The signals of a batch's upserts, decoded ahead of its write transaction, by event seq: a verified batch's
/// events have consecutive seqs. Each is still checked against its event before it is stored.
public struct DecodedSignals: Sendable {
    /// The seq of the batch's first event.
    let firstSeq: UInt64
    /// For event `firstSeq + i`, where its signal is in `signals`, or -1.
    let slots: [Int32]
    /// Read in place, through `index(of:)`: a signal is a dozen references, and a copy retains and releases each.
    public let signals: [Signal]

    public static let none = DecodedSignals(firstSeq: 0, slots: [], signals: [])

    /// Where in `signals` the signal of event `seq` is, if it was decoded.
    public func index(of seq: UInt64) -> Int? {
        guard seq >= firstSeq, seq - firstSeq < UInt64(slots.count), case let slot = slots[Int(seq - firstSeq)], slot >= 0 else {
            return nil
        }
        return Int(slot)
    }
}
