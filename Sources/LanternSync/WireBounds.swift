import LanternCore

/// The bounds every number and label a peer sends is held to, checked where it is decoded: a value past them is a
/// malformed message, refused before anything (arithmetic, a conversion, the store) can act on it.
public enum WireBounds {
    /// Sequence numbers, revisions and registry versions are stored as signed 64-bit integers.
    public static let maxCounter = UInt64(Int64.max)
    /// An epoch is 1 to 64 printable ASCII characters: it is one line of the hash and head preimages.
    public static let maxEpochBytes = 64

    public static func isCounter(_ value: UInt64) -> Bool { value <= maxCounter }

    public static func isEpoch(_ text: String) -> Bool {
        (1...maxEpochBytes).contains(text.utf8.count) && text.utf8.allSatisfy(\.isPrintableASCII)
    }

    /// Throws a decoding error naming `key` when `value` is not a counter.
    static func counter<Key: CodingKey>(_ value: UInt64, _ key: Key, in container: KeyedDecodingContainer<Key>) throws -> UInt64 {
        guard isCounter(value) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "'\(key.stringValue)' is larger than 2^63 - 1.")
        }
        return value
    }

    /// Throws a decoding error naming `key` when `text` is not an epoch.
    static func epoch<Key: CodingKey>(_ text: String, _ key: Key, in container: KeyedDecodingContainer<Key>) throws -> String {
        guard isEpoch(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "An epoch is 1 to \(maxEpochBytes) printable ASCII characters.")
        }
        return text
    }
}
