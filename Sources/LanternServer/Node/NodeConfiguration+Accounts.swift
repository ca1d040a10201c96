public import Foundation
public import LanternCore

extension NodeConfiguration {
    /// The logins' settings, as the account use cases take them.
    public var accountConfiguration: AccountConfiguration {
        AccountConfiguration(
            bcryptCost: UInt8(clamping: bcryptCost),
            sessions: SessionPolicy(idleTimeout: TimeInterval(sessionIdleMinutes * 60), absoluteTimeout: TimeInterval(sessionMaxHours * 3600)))
    }

    /// The public address of the UI, when it is behind a TLS proxy.
    public var uiPublicAddress: URL? { uiPublicURL.flatMap(URL.init(string:)) }

    func validateAccounts() throws(ValidationError) {
        if let uiPublicURL {
            guard let url = URL(string: uiPublicURL), url.scheme == "https", let host = url.host, !host.isEmpty else {
                throw ValidationError(
                    field: "ui_public_url",
                    reason: "The UI's public address is an https URL (https://lantern.example.org): a UI reached by others needs TLS.")
            }
        }
        guard (5...24 * 60).contains(sessionIdleMinutes) else {
            throw ValidationError(field: "session_idle_minutes", reason: "A session may be idle 5 minutes to 24 hours.")
        }
        guard (1...24 * 7).contains(sessionMaxHours), sessionMaxHours * 60 >= sessionIdleMinutes else {
            throw ValidationError(field: "session_max_hours", reason: "A session lasts 1 hour to 7 days, and no less than its idle timeout.")
        }
        guard (10...16).contains(bcryptCost) else {
            throw ValidationError(field: "bcrypt_cost", reason: "bcrypt's cost is 10 to 16; each step doubles a login's work.")
        }
    }
}
