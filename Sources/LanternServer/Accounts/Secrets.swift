import Crypto
import Foundation
import LanternCore

/// Random secrets and their digests: session ids, CSRF tokens, authenticator keys and recovery codes.
enum Secrets {
    /// 256 random bits as hex: session ids and CSRF tokens.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    static func digest(_ text: String) -> Data { Data(SHA256.hash(data: Data(text.utf8))) }

    private static let base32 = Array("abcdefghijklmnopqrstuvwxyz234567")

    /// A recovery code: ten base-32 characters (50 bits) in two groups, `abcde-fghij`.
    static func recoveryCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let letters = (0..<10).map { _ in base32[Int.random(in: 0..<32, using: &generator)] }
        return String(letters[0..<5]) + "-" + String(letters[5...])
    }

    /// A recovery code as typed, reduced to what is compared: lower case, no separators or spaces.
    static func normalizedRecoveryCode(_ typed: String) -> String {
        String(typed.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// The digest a recovery code is stored and looked up by, however it was typed.
    static func recoveryCodeDigest(_ typed: String) -> Data { digest(normalizedRecoveryCode(typed)) }

    /// Ten new recovery codes, to show once, and the digests to store.
    static func recoveryCodes() -> (codes: [String], digests: [Data]) {
        let codes = (0..<10).map { _ in recoveryCode() }
        return (codes, codes.map(recoveryCodeDigest))
    }

    private static let keyAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// An authenticator key: 32 characters of 62 (190 bits), whose UTF-8 bytes are the HMAC key, as the OTP
    /// library takes it.
    static func authenticatorKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in keyAlphabet[Int.random(in: 0..<keyAlphabet.count, using: &generator)] })
    }
}
