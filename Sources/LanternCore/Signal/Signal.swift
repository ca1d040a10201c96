public import Foundation

/// Financial details a financial-pool signal must carry.
public struct TransactionDetails: Hashable, Codable, Sendable {
    public var date: Date
    /// A decimal amount as text, such as `250.00`, so no precision is lost.
    public var amount: String
    /// An ISO 4217 code such as `USD`.
    public var currency: String
    public var provider: String

    public init(date: Date, amount: String, currency: String, provider: String) {
        self.date = date
        self.amount = amount
        self.currency = currency
        self.provider = provider
    }
}

extension TransactionDetails {
    /// The details in one line, as pages show them: `250.00 USD via cashapp on 2026-01-31T00:00:00.000Z`.
    public var summary: String { "\(amount) \(currency) via \(provider) on \(Timestamp.format(date))" }
}

/// Optional context an uploader may add to a signal.
public struct SignalContext: Hashable, Codable, Sendable {
    public var description: String?
    /// The uploader's confidence, 0 to 100.
    public var confidence: Int?
    public var firstSeen: Date?
    public var lastSeen: Date?
    /// Other signals of the same incident, such as the username and URL of one case.
    public var related: [String]
    public var transaction: TransactionDetails?

    public init(
        description: String? = nil, confidence: Int? = nil, firstSeen: Date? = nil, lastSeen: Date? = nil,
        related: [String] = [], transaction: TransactionDetails? = nil
    ) {
        self.description = description
        self.confidence = confidence
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.related = related
        self.transaction = transaction
    }

    enum CodingKeys: String, CodingKey {
        case description, confidence, related, transaction
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
    }
}

/// A live signal, as its origin said it.
public struct Signal: Hashable, Sendable {
    public var id: SignalID
    /// The participant that authored the signal. Only it may change or remove it.
    public var origin: ParticipantID
    /// The origin's counter at the signal's last change. A higher revision supersedes a lower one.
    public var revision: UInt64
    public var value: SignalValue
    public var tags: [TagRef]
    public var taxonomyVersion: String
    public var severity: Severity
    public var reviewStatus: ReviewStatus
    public var audience: Audience
    public var createdAt: Date
    public var updatedAt: Date
    public var expiresAt: Date
    public var context: SignalContext

    public init(
        id: SignalID, origin: ParticipantID, revision: UInt64, value: SignalValue, tags: [TagRef],
        taxonomyVersion: String, severity: Severity, reviewStatus: ReviewStatus, audience: Audience,
        createdAt: Date, updatedAt: Date, expiresAt: Date, context: SignalContext = SignalContext()
    ) {
        self.id = id
        self.origin = origin
        self.revision = revision
        self.value = value
        self.tags = tags
        self.taxonomyVersion = taxonomyVersion
        self.severity = severity
        self.reviewStatus = reviewStatus
        self.audience = audience
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.expiresAt = expiresAt
        self.context = context
    }

    public var type: SignalType { value.type }
}

/// What remains of a signal once it is removed or expired: its type, when, and why. The id stays so that every
/// copy can be found and no stale copy can bring the signal back.
public struct RemovalRecord: Hashable, Sendable {
    public var id: SignalID
    public var origin: ParticipantID
    public var revision: UInt64
    public var type: SignalType
    public var removedAt: Date
    public var reason: RemovalReason

    public init(id: SignalID, origin: ParticipantID, revision: UInt64, type: SignalType, removedAt: Date, reason: RemovalReason) {
        self.id = id
        self.origin = origin
        self.revision = revision
        self.type = type
        self.removedAt = removedAt
        self.reason = reason
    }
}
