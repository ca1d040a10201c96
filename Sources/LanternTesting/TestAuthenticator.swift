import Crypto
public import Foundation

/// An authenticator app, written from RFC 6238 here so it checks the node's key and address independently.
public struct TestAuthenticator: Sendable {
    public let key: [UInt8]

    /// Reads the key as an app would: base 32, spaces ignored.
    public init(base32 text: String) {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0
        var value = 0
        var out: [UInt8] = []
        for character in text.uppercased() where character != " " && character != "=" {
            value = value << 5 | alphabet.firstIndex(of: character)!
            bits += 5
            if bits >= 8 {
                out.append(UInt8((value >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        key = out
    }

    public func code(at date: Date) -> String {
        let counter = UInt64(date.timeIntervalSince1970 / 30)
        let mac = Array(
            HMAC<Insecure.SHA1>.authenticationCode(for: withUnsafeBytes(of: counter.bigEndian) { Array($0) }, using: SymmetricKey(data: key)))
        let offset = Int(mac[19] & 0x0F)
        let number =
            (UInt32(mac[offset] & 0x7F) << 24 | UInt32(mac[offset + 1]) << 16 | UInt32(mac[offset + 2]) << 8 | UInt32(mac[offset + 3])) % 1_000_000
        let digits = String(number)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }
}
