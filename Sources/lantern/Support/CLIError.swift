import ArgumentParser

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

/// Prints a CLIError's message to standard error and exits with its code.
func exitOnFailure<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as CLIError {
        printError("error: \(error.message)")
        throw ExitCode(error.code.rawValue)
    }
}
