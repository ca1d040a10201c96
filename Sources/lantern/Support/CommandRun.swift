import ArgumentParser
import LanternApp
import LanternClient
import LanternCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a command: files it creates are readable by the owner only (databases, backups, keys and tokens hold
/// sensitive data), and a failure's message goes to standard error with its exit code.
func exitOnFailure<T>(_ body: () async throws -> T) async throws -> T {
    umask(0o077)
    do {
        return try await body()
    } catch let error as ClientError {
        printError("error: \(error.message)")
        throw ExitCode(error.code.rawValue)
    } catch let error as NodeError {
        printError("error: \(error)")
        let code: ClientError.Code = error.isNotFound ? .notFound : error.refusesInput ? .refused : .failure
        throw ExitCode(code.rawValue)
    }
}

/// Reads `--participant`, and refuses a financial-pool opt-in for a financial institution, which receives the pool
/// by role.
func participantOption(_ text: String, role: ParticipantRole = .tech, financialOptIn: Bool = false) throws -> ParticipantID {
    guard let id = ParticipantID(text) else { throw ClientError(.refused, "--participant: \(ParticipantID.rule)") }
    if role == .financial, financialOptIn {
        throw ClientError(
            .refused, "--financial-opt-in: financial institutions receive the financial pool by role; the opt-in is for tech participants.")
    }
    return id
}
