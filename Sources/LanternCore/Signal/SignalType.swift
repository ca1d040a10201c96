/// The kind of value a signal carries. Each has its own normalisation and validation rules.
public enum SignalType: String, Codable, Sendable, CaseIterable {
    case url
    case domain
    case email
    case username
    case phone
    case paymentAccount = "payment_account"
    case pdq
    case md5
    case sha1
    case sha256
    case photodna
    case tmk
    case keyword

    /// Hash types carry a media kind, so figures such as "MD5 video hashes" can be produced.
    public var isHash: Bool {
        switch self {
        case .pdq, .md5, .sha1, .sha256, .photodna, .tmk: true
        default: false
        }
    }

    /// Account identifiers: values that name a person's account somewhere.
    public var isAccountIdentifier: Bool {
        switch self {
        case .email, .username, .phone, .paymentAccount: true
        default: false
        }
    }

    /// The family of the type, as used in aggregate figures.
    public var family: String {
        if isHash { return "hash" }
        if isAccountIdentifier { return "account" }
        switch self {
        case .url, .domain: return "url"
        default: return "keyword"
        }
    }

    /// All type names, for error messages.
    public static let namesList = allCases.map(\.rawValue).joined(separator: ", ")
}

/// The kind of media a hash was computed from.
public enum MediaKind: String, Codable, Sendable, CaseIterable {
    case image, video, audio, document, other
}

/// How severe the harm behind a signal is, in ThreatExchange's vocabulary.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info = "INFO"
    case warning = "WARNING"
    case suspicious = "SUSPICIOUS"
    case severe = "SEVERE"
    case apocalypse = "APOCALYPSE"

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// How the uploader reviewed a signal before sharing it, in ThreatExchange's vocabulary.
public enum ReviewStatus: String, Codable, Sendable, CaseIterable {
    case unreviewed = "UNREVIEWED"
    case pending = "PENDING"
    case reviewedAutomatically = "REVIEWED_AUTOMATICALLY"
    case reviewedManually = "REVIEWED_MANUALLY"
}

/// Why a signal was removed. Only this category, the type and the date survive a removal.
public enum RemovalReason: String, Codable, Sendable, CaseIterable {
    /// After further review the signal no longer meets the program's approved purpose.
    case noLongerMeetsPurpose = "no_longer_meets_purpose"
    /// The signal reached the end of its retention period.
    case retentionReached = "retention_reached"
    /// An appeal by the affected person was upheld.
    case appealUpheld = "appeal_upheld"
    /// The signal was entered in error.
    case enteredInError = "entered_in_error"
}
