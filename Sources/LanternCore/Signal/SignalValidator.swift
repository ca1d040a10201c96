public import Foundation

/// Turns drafts into signals, enforcing every rule of the program on the way in.
///
/// It is pure: the caller supplies the id, the clock reading and what the node knows (taxonomy, participants,
/// retention). The first problem found is thrown, naming the field.
public struct SignalValidator: Sendable {
    public var taxonomy: Taxonomy
    public var directory: ParticipantDirectory
    public var retention: RetentionPolicy
    public var limits: Limits

    /// Bounds on optional fields.
    public struct Limits: Sendable, Equatable {
        public var descriptionMaxCharacters: Int
        /// Characters alone do not bound size: one character can carry any number of combining marks.
        public var descriptionMaxBytes: Int
        public var maxTags: Int
        public var maxRelated: Int
        public var maxAllowlist: Int

        public init(
            descriptionMaxCharacters: Int = 2000, descriptionMaxBytes: Int = 8000, maxTags: Int = 32, maxRelated: Int = 64, maxAllowlist: Int = 256
        ) {
            self.descriptionMaxCharacters = descriptionMaxCharacters
            self.descriptionMaxBytes = descriptionMaxBytes
            self.maxTags = maxTags
            self.maxRelated = maxRelated
            self.maxAllowlist = maxAllowlist
        }
    }

    public init(taxonomy: Taxonomy, directory: ParticipantDirectory, retention: RetentionPolicy = RetentionPolicy(), limits: Limits = Limits()) {
        self.taxonomy = taxonomy
        self.directory = directory
        self.retention = retention
        self.limits = limits
    }

    /// Validates a new signal authored by `author`.
    public func validateNew(_ draft: SignalDraft, id: SignalID, author: ParticipantID, now: Date) throws(ValidationError) -> Signal {
        try checkAuthor(author)
        guard let typeName = draft.type?.trimmingWhitespace(), !typeName.isEmpty else {
            throw ValidationError(field: "type", reason: "A signal needs a type: one of \(SignalType.namesList).")
        }
        guard let type = SignalType(rawValue: typeName.lowercased()) else {
            throw ValidationError(field: "type", reason: "'\(typeName)' is not a signal type: use one of \(SignalType.namesList).")
        }
        guard let raw = draft.value else { throw ValidationError(field: "value", reason: "A signal needs a value.") }
        var mediaKind: MediaKind?
        if let text = draft.mediaKind {
            guard let kind = MediaKind(rawValue: text.lowercased()) else {
                let kinds = MediaKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError(field: "media_kind", reason: "'\(text)' is not a media kind: use one of \(kinds).")
            }
            mediaKind = kind
        }
        let attributes = SignalAttributes(
            platform: draft.platform, provider: draft.provider, mediaKind: mediaKind, quality: draft.quality,
            language: draft.language, pathPrefix: draft.pathPrefix)
        let value = try ValueNormalizer.normalize(type: type, raw: raw, attributes: attributes)
        guard let severityText = draft.severity else {
            throw ValidationError(field: "severity", reason: "A signal needs a severity: one of \(Self.names(Severity.self)).")
        }
        guard let reviewText = draft.reviewStatus else {
            throw ValidationError(field: "review_status", reason: "A signal needs a review status: one of \(Self.names(ReviewStatus.self)).")
        }
        guard let audienceText = draft.audience else {
            throw ValidationError(field: "audience", reason: "A signal needs an audience: 'all', 'financial', or a list of participant ids.")
        }
        var signal = Signal(
            id: id, origin: author, revision: 0, value: value, tags: [], taxonomyVersion: taxonomy.version,
            severity: try Self.parse(Severity.self, severityText, field: "severity"),
            reviewStatus: try Self.parse(ReviewStatus.self, reviewText, field: "review_status"),
            audience: .all, createdAt: now, updatedAt: now,
            expiresAt: retention.maximumExpiry(for: type, createdAt: now))
        try apply(draft, to: &signal, audienceText: audienceText, now: now)
        return signal
    }

    /// Applies a partial update by `actor` to `existing`. The type and value of a signal never change.
    public func validateUpdate(_ patch: SignalDraft, to existing: Signal, actor: ParticipantID, now: Date) throws(ValidationError) -> Signal {
        try checkAuthor(actor)
        if let actorParticipant = directory[actor] {
            do { try AccessPolicy.checkMayModify(signalOrigin: existing.origin, actor: actorParticipant) } catch {
                throw ValidationError(field: "id", reason: error.description)
            }
        }
        let immutable: [(String, Bool)] = [
            ("type", patch.type != nil), ("value", patch.value != nil), ("platform", patch.platform != nil),
            ("provider", patch.provider != nil), ("media_kind", patch.mediaKind != nil), ("language", patch.language != nil),
        ]
        guard patch != SignalDraft() else {
            throw ValidationError(field: "body", reason: "The update names no field to change.")
        }
        if let field = immutable.first(where: \.1)?.0 {
            throw ValidationError(field: field, reason: "A signal's type and value never change: remove it and add a new one.")
        }
        var signal = existing
        if let quality = patch.quality { signal.value.attributes.quality = quality }
        if let prefix = patch.pathPrefix { signal.value.attributes.pathPrefix = prefix }
        do { try ValueNormalizer.checkAttributes(type: signal.type, attributes: &signal.value.attributes) }
        if let text = patch.severity { signal.severity = try Self.parse(Severity.self, text, field: "severity") }
        if let text = patch.reviewStatus { signal.reviewStatus = try Self.parse(ReviewStatus.self, text, field: "review_status") }
        if patch.tags != nil { signal.taxonomyVersion = taxonomy.version }
        try apply(patch, to: &signal, audienceText: patch.audience, now: now)
        signal.updatedAt = now
        return signal
    }

    /// Applies the fields shared by creation and update, then checks the rules that span fields.
    func apply(_ draft: SignalDraft, to signal: inout Signal, audienceText: AudienceText?, now: Date) throws(ValidationError) {
        if let tags = draft.tags { signal.tags = try resolveTags(tags) }
        if let audienceText {
            if audienceText.isList, audienceText.text == "all" || audienceText.text == "financial" || audienceText.text.isEmpty {
                throw ValidationError(field: "audience", reason: "An audience array lists participant ids; write 'all' or 'financial' as a string.")
            }
            signal.audience = try resolveAudience(audienceText.text, origin: signal.origin)
        }
        if let description = draft.description {
            guard description.utf8.count <= limits.descriptionMaxBytes else {
                throw ValidationError(
                    field: "description",
                    reason: "A description is at most \(limits.descriptionMaxBytes) bytes of UTF-8; this one has \(description.utf8.count).")
            }
            guard description.count <= limits.descriptionMaxCharacters else {
                throw ValidationError(
                    field: "description",
                    reason: "A description is at most \(limits.descriptionMaxCharacters) characters; this one has \(description.count).")
            }
            signal.context.description = description.isEmpty ? nil : description
        }
        if let confidence = draft.confidence {
            guard (0...100).contains(confidence) else {
                throw ValidationError(field: "confidence", reason: "A confidence is between 0 and 100; \(confidence) is not.")
            }
            signal.context.confidence = confidence
        }
        if let text = draft.firstSeen { signal.context.firstSeen = try Self.parseDate(text, field: "first_seen") }
        if let text = draft.lastSeen { signal.context.lastSeen = try Self.parseDate(text, field: "last_seen") }
        if let first = signal.context.firstSeen, let last = signal.context.lastSeen, last < first {
            throw ValidationError(field: "last_seen", reason: "The last sighting is earlier than the first.")
        }
        if let related = draft.related { signal.context.related = try resolveRelated(related, own: signal.id) }
        if let transaction = draft.transaction { signal.context.transaction = try TransactionValidator.validate(transaction) }
        if let text = draft.expiresAt {
            let date = try Self.parseDate(text, field: "expires_at")
            let latest = retention.maximumExpiry(for: signal.type, createdAt: signal.createdAt)
            guard date > now else { throw ValidationError(field: "expires_at", reason: "The expiry is in the past.") }
            guard date <= latest else {
                throw ValidationError(
                    field: "expires_at",
                    reason:
                        "The expiry is later than the \(retention.retentionDays(for: signal.type))-day retention period for \(signal.type.rawValue) signals allows."
                )
            }
            signal.expiresAt = date
        }
        try checkCrossFieldRules(signal)
    }

    func checkCrossFieldRules(_ signal: Signal) throws(ValidationError) {
        guard !signal.tags.isEmpty else {
            throw ValidationError(field: "tags", reason: "A signal needs at least one primary tag from the program taxonomy, such as 'csam'.")
        }
        guard signal.tags.contains(where: { taxonomy.tag($0.id)?.kind == .primary }) else {
            throw ValidationError(field: "tags", reason: "Supplemental tags cannot stand alone: add at least one primary tag, such as 'csam'.")
        }
        if signal.audience == .financial {
            if let author = directory[signal.origin] {
                do { try AccessPolicy.checkMayShare(with: signal.audience, author: author) } catch {
                    throw ValidationError(field: "audience", reason: error.description)
                }
            }
            guard signal.tags.contains(where: { $0.id == "financial_transaction" }) else {
                throw ValidationError(field: "tags", reason: "A financial-pool signal needs the 'financial_transaction' tag.")
            }
            guard signal.context.transaction != nil else {
                throw ValidationError(
                    field: "transaction", reason: "A financial-pool signal needs transaction details: date, amount, currency and provider.")
            }
        }
    }

    /// Refuses an author that is unknown or may not author (a financial institution).
    public func checkAuthor(_ author: ParticipantID) throws(ValidationError) {
        guard let participant = directory[author] else {
            throw ValidationError(field: "origin", reason: "Participant \(author) is not in the participant list.")
        }
        do { try AccessPolicy.checkMayAuthor(participant) } catch {
            throw ValidationError(field: "origin", reason: error.description)
        }
    }

    func resolveTags(_ texts: [String]) throws(ValidationError) -> [TagRef] {
        guard texts.count <= limits.maxTags else {
            throw ValidationError(field: "tags", reason: "A signal has at most \(limits.maxTags) tags.")
        }
        var seen = Set<TagRef>()
        var tags: [TagRef] = []
        for (index, text) in texts.enumerated() {
            do {
                let tag = try taxonomy.resolve(text)
                if seen.insert(tag).inserted { tags.append(tag) }
            } catch {
                throw ValidationError(field: "tags[\(index)]", error)
            }
        }
        return tags.sorted()
    }

    func resolveAudience(_ text: String, origin: ParticipantID) throws(ValidationError) -> Audience {
        let audience: Audience
        do { audience = try Audience.parse(text) } catch { throw ValidationError(field: "audience", error) }
        guard case .allowlist(var members) = audience else { return audience }
        members.remove(origin)
        guard !members.isEmpty else {
            throw ValidationError(field: "audience", reason: "An allowlist names at least one participant other than the origin.")
        }
        guard members.count <= limits.maxAllowlist else {
            throw ValidationError(field: "audience", reason: "An allowlist names at most \(limits.maxAllowlist) participants.")
        }
        for member in members.sorted() {
            guard let participant = directory[member] else {
                throw ValidationError(field: "audience", reason: "Participant \(member) is not in the participant list.")
            }
            guard participant.role == .tech else {
                throw ValidationError(
                    field: "audience",
                    reason: "Participant \(member) is a financial institution and receives only the financial pool; use the audience 'financial'.")
            }
        }
        return .allowlist(members)
    }

    func resolveRelated(_ ids: [String], own: SignalID) throws(ValidationError) -> [String] {
        guard ids.count <= limits.maxRelated else {
            throw ValidationError(field: "related", reason: "A signal names at most \(limits.maxRelated) related signals.")
        }
        var out: [String] = []
        for (index, text) in ids.enumerated() {
            guard let id = SignalID(text) else {
                throw ValidationError(field: "related[\(index)]", reason: "'\(text)' is not a signal id (26 characters of Crockford base 32).")
            }
            if id != own, !out.contains(id.rawValue) { out.append(id.rawValue) }
        }
        return out
    }

    static func names<T: CaseIterable & RawRepresentable>(_: T.Type) -> String where T.RawValue == String {
        T.allCases.map(\.rawValue).joined(separator: ", ")
    }

    static func parse<T: CaseIterable & RawRepresentable>(_: T.Type, _ text: String, field: String) throws(ValidationError) -> T
    where T.RawValue == String {
        if let exact = T(rawValue: text) { return exact }
        let key = text.trimmingWhitespace().uppercased()
        guard let value = T(rawValue: key) else {
            throw ValidationError(field: field, reason: "'\(text)' is not allowed here: use one of \(names(T.self)).")
        }
        return value
    }

    /// Parses an RFC 3339 timestamp, or a plain date (`2026-01-31`, read as midnight UTC).
    public static func parseDate(_ text: String, field: String) throws(ValidationError) -> Date {
        if let date = Timestamp.parse(text) { return date }
        throw ValidationError(field: field, reason: "'\(text)' is not a date: use RFC 3339, such as 2026-01-31T12:00:00Z, or 2026-01-31.")
    }
}
