/// What a password must be. Length is what resists guessing, so the rule is length alone (as NIST SP 800-63B
/// advises), capped where bcrypt stops reading.
public struct PasswordRules: Sendable, Equatable {
    public var minimumLength: Int

    /// bcrypt reads 72 bytes; a longer password would be silently cut, so it is refused instead.
    public static let maximumBytes = 72

    public init(minimumLength: Int = 12) {
        self.minimumLength = minimumLength
    }

    /// Checks a new password for `user`, naming `field` in the error.
    public func check(_ password: String, for user: Username, field: String = "password") throws(ValidationError) {
        guard password.count >= minimumLength else {
            throw ValidationError(field: field, reason: "A password has at least \(minimumLength) characters.")
        }
        guard password.utf8.count <= Self.maximumBytes else {
            throw ValidationError(field: field, reason: "A password has at most \(Self.maximumBytes) bytes of UTF-8.")
        }
        // A short name is in too many words to forbid it as a part; a longer one is refused anywhere in the password.
        let lowered = password.lowercased()
        guard lowered != user.rawValue, user.rawValue.count < 4 || !lowered.contains(user.rawValue) else {
            throw ValidationError(field: field, reason: "A password must not contain the user name.")
        }
        guard Set(password).count > 2 else {
            throw ValidationError(field: field, reason: "A password must not repeat one or two characters.")
        }
    }
}
