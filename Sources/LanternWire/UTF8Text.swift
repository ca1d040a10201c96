/// Text from bytes that must be UTF-8, on hot paths: ASCII (nearly everything a node exchanges) is taken as it
/// stands, and only other text goes through the standard library's generic validation.
public enum UTF8Text {
    /// The text, or nil if the bytes are not valid UTF-8.
    public static func string(validating bytes: ArraySlice<UInt8>) -> String? {
        bytes.withUnsafeBufferPointer { string(validating: $0) }
    }

    /// The text, or nil if the bytes are not valid UTF-8.
    public static func string(validating bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        return ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }
}
