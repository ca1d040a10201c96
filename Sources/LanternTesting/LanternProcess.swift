public import Foundation

/// Runs the built `lantern` executable, for tests that exercise real processes.
public enum LanternProcess {
    /// The `lantern` binary: `$LANTERN_BINARY`, or the one beside the running test bundle, or the debug build.
    public static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["LANTERN_BINARY"] { return URL(fileURLWithPath: path) }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lantern")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/lantern")
    }

    /// Makes `binary` the `lantern` beside this running executable, unless `$LANTERN_BINARY` names one: for the
    /// benchmarks, which start nodes from the build they belong to even when it was copied for a comparison.
    public static func useLanternBesideRunningExecutable() {
        guard ProcessInfo.processInfo.environment["LANTERN_BINARY"] == nil, let path = Bundle.main.executablePath else { return }
        let beside = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("lantern").path
        setenv("LANTERN_BINARY", beside, 0)
    }

    /// The outcome of a finished command.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `lantern` with `arguments` to completion.
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try run(at: binary.path, arguments, environment: environment)
    }

    /// Runs any program to completion, capturing its output.
    public static func run(at program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the process runs, so a large output cannot block it.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        process.waitUntilExit()
        group.wait()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A `lantern serve` running in the background.
    public final class Server: @unchecked Sendable {
        public let process: Process
        public let home: String
        public let url: String
        /// The peer endpoint, when the node has a certificate.
        public let peerURL: String?
        let log: URL

        /// Starts `lantern serve --home HOME --api-port 0` and waits until it listens.
        public init(home: String, timeout: TimeInterval = 30) throws {
            self.home = home
            let runtime = URL(fileURLWithPath: home).appendingPathComponent("api.json")
            try? FileManager.default.removeItem(at: runtime)
            log = URL(fileURLWithPath: home).appendingPathComponent("serve-\(UUID().uuidString.prefix(8)).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process = Process()
            process.executableURL = LanternProcess.binary
            process.arguments = ["serve", "--home", home, "--api-port", "0", "--log-level", "warning"]
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                if let data = try? Data(contentsOf: runtime), let object = try? JSONDecoder().decode([String: String].self, from: data),
                    let url = object["url"]
                {
                    self.url = url
                    self.peerURL = object["peer_url"]
                    break
                }
                guard process.isRunning, Date() < deadline else {
                    process.terminate()
                    throw ServerError(message: "lantern serve did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }

        /// Sends a signal (SIGTERM by default) and waits for the process to exit.
        @discardableResult
        public func stop(signal: Int32 = SIGTERM) -> Int32 {
            if process.isRunning { kill(process.processIdentifier, signal) }
            process.waitUntilExit()
            return process.terminationStatus
        }

        public var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    }

    public struct ServerError: Error, CustomStringConvertible {
        public var message: String
        public init(message: String) { self.message = message }
        public var description: String { message }
    }
}
