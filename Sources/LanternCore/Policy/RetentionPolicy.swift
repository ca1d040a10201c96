public import Foundation

/// How long a signal of each type is kept before it expires everywhere.
///
/// Defaults follow a simple principle: the more a value identifies a person, the shorter it is kept. Each can be
/// changed in the node's configuration; a signal may ask to expire earlier, never later.
public struct RetentionPolicy: Sendable, Equatable, Codable {
    /// Days to keep a signal, by type.
    public var days: [String: Int]

    public static let defaultDays: [SignalType: Int] = [
        .url: 365, .domain: 365,
        .email: 730, .username: 730, .phone: 730, .paymentAccount: 730,
        .pdq: 1825, .md5: 1825, .sha1: 1825, .sha256: 1825, .photodna: 1825, .tmk: 1825,
        .keyword: 1095,
    ]

    /// The longest period any node may keep a signal; a received signal asking to be kept longer is refused.
    public static let longestDays = 36_500

    public init(days: [SignalType: Int] = RetentionPolicy.defaultDays) {
        self.days = Dictionary(uniqueKeysWithValues: days.map { ($0.key.rawValue, $0.value) })
    }

    /// Checks that every type named is known and every period is 1 to 36,500 days.
    public func validated() throws(ValidationError) -> RetentionPolicy {
        for (name, value) in days {
            guard SignalType(rawValue: name) != nil else {
                throw ValidationError(field: "retention_days.\(name)", reason: "'\(name)' is not a signal type: use one of \(SignalType.namesList).")
            }
            guard (1...Self.longestDays).contains(value) else {
                throw ValidationError(field: "retention_days.\(name)", reason: "A retention period is 1 to \(Self.longestDays) days.")
            }
        }
        return self
    }

    public func retentionDays(for type: SignalType) -> Int {
        days[type.rawValue] ?? Self.defaultDays[type] ?? 365
    }

    /// The latest expiry a signal of `type` created at `created` may have.
    public func maximumExpiry(for type: SignalType, createdAt created: Date) -> Date {
        created.addingTimeInterval(TimeInterval(retentionDays(for: type)) * 86_400)
    }
}
