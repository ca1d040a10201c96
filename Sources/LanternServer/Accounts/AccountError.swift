public import Foundation

/// A login or account operation that was refused, with a full-sentence reason fit to show the person.
public struct AccountError: Error, Equatable, Sendable, CustomStringConvertible {
    private enum Kind: Equatable, Sendable {
        case badCredentials
        case locked
        case disabled
        case throttled(seconds: Int)
        case badCode
        case noSession
        case wrongStep(String)
        case forbidden(String)
        case badCurrentPassword
    }

    private let kind: Kind

    /// Wrong name or password, or a locked or disabled account: one message for all, so a guesser learns nothing
    /// of which names exist or whether a guess was right.
    public static let badCredentials = AccountError(kind: .badCredentials)
    public static let locked = AccountError(kind: .locked)
    public static let disabled = AccountError(kind: .disabled)
    public static func throttled(after seconds: TimeInterval) -> AccountError {
        AccountError(kind: .throttled(seconds: max(1, Int(seconds.rounded(.up)))))
    }
    public static let badCode = AccountError(kind: .badCode)
    public static let noSession = AccountError(kind: .noSession)
    static func wrongStep(_ what: String) -> AccountError { AccountError(kind: .wrongStep(what)) }
    static func forbidden(_ what: String) -> AccountError { AccountError(kind: .forbidden(what)) }
    static let badCurrentPassword = AccountError(kind: .badCurrentPassword)

    /// Seconds to wait before trying again, for a `Retry-After` header.
    public var retryAfter: Int? {
        if case .throttled(let seconds) = kind { return seconds }
        return nil
    }

    public var isForbidden: Bool {
        if case .forbidden = kind { return true }
        return false
    }

    public var description: String {
        switch kind {
        case .badCredentials: "The user name or password is wrong, or the account is locked or disabled."
        case .locked: "This account is locked after repeated failed logins; an admin must unlock it ('lantern user unlock')."
        case .disabled: "This account is disabled; an admin can enable it again."
        case .throttled(let seconds): "Too many login attempts; try again in \(seconds) seconds."
        case .badCode: "The code is wrong or was already used; enter the current code from your authenticator app."
        case .noSession: "Your session has ended; log in again."
        case .wrongStep(let what): what
        case .forbidden(let what): what
        case .badCurrentPassword: "The current password is wrong."
        }
    }
}
