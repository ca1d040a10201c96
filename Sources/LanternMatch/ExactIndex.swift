public import LanternCore

/// Signals matched by equality of their normalised value: exact hashes (MD5, SHA-1, SHA-256, PhotoDNA, TMK, and
/// PDQ at distance 0 through `PDQIndex`) and account identifiers (email, username per platform, phone, payment
/// account per provider). A qualifier (the media kind of a hash, the platform of a username, the provider of a
/// payment account) narrows a match when the item gives one.
public struct ExactIndex: Sendable {
    struct Key: Hashable, Sendable {
        var type: SignalType
        var value: String
    }

    private var entries: [Key: [SignalID: String]] = [:]
    private var keys: [SignalID: Key] = [:]

    public init() {}

    public var count: Int { keys.count }

    /// The qualifier a signal of this type carries, if any.
    static func qualifier(_ type: SignalType, _ attributes: SignalAttributes) -> String {
        switch type {
        case .username: attributes.platform ?? ""
        case .paymentAccount: attributes.provider ?? ""
        default: attributes.mediaKind?.rawValue ?? ""
        }
    }

    public mutating func insert(_ signal: SignalID, type: SignalType, value: String, attributes: SignalAttributes) {
        remove(signal)
        let key = Key(type: type, value: value)
        entries[key, default: [:]][signal] = Self.qualifier(type, attributes)
        keys[signal] = key
    }

    public mutating func remove(_ signal: SignalID) {
        guard let key = keys.removeValue(forKey: signal) else { return }
        entries[key]?[signal] = nil
        if entries[key]?.isEmpty == true { entries[key] = nil }
    }

    /// Signals of `type` whose normalised value is `value`, narrowed to `qualifier` when it is given.
    public func matches(type: SignalType, value: String, qualifier: String?) -> [SignalID] {
        guard let found = entries[Key(type: type, value: value)] else { return [] }
        return found.compactMap { signal, held in qualifier == nil || qualifier == held ? signal : nil }.sorted()
    }
}
