/// Lowercase hexadecimal text for bytes: digests, serial numbers, token secrets.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Encodes without `String(format:)`, which is slow enough to matter where every event is hashed.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var index = 0
            for byte in bytes {
                out[index] = digits[Int(byte >> 4)]
                out[index + 1] = digits[Int(byte & 0x0F)]
                index += 2
            }
            return index
        }
    }

    /// Encodes bytes that are only a sequence, such as a digest.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        encode(Array(bytes))
    }
}
