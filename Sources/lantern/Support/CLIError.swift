import ArgumentParser
import LanternCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure the CLI reports as one sentence, with an exit code from the documented set.
struct CLIError: Error, CustomStringConvertible {
    enum Code: Int32 {
        case failure = 1
        case refused = 3
        case notFound = 4
        case unauthorized = 5
        case partialImport = 6
    }

    let code: Code
    let message: String

    init(_ code: Code = .failure, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { message }
}

/// Runs a command: files it creates are readable by the owner only (databases, backups, keys and tokens hold
/// sensitive data), and a CLIError's message goes to standard error with its exit code.
func exitOnFailure<T>(_ body: () async throws -> T) async throws -> T {
    umask(0o077)
    do {
        return try await body()
    } catch let error as CLIError {
        printError("error: \(error.message)")
        throw ExitCode(error.code.rawValue)
    }
}

/// Reads `--participant`, and refuses a financial-pool opt-in for a financial institution, which receives the pool
/// by role.
func participantOption(_ text: String, role: ParticipantRole = .tech, financialOptIn: Bool = false) throws -> ParticipantID {
    guard let id = ParticipantID(text) else { throw CLIError(.refused, "--participant: \(ParticipantID.rule)") }
    if role == .financial, financialOptIn {
        throw CLIError(
            .refused, "--financial-opt-in: financial institutions receive the financial pool by role; the opt-in is for tech participants.")
    }
    return id
}
