/// Why a node could not be opened or started.
public struct NodeError: Error, CustomStringConvertible, Equatable {
    private enum Reason: Equatable {
        case notAHome(String)
        case homeExists(String)
        case unreadableConfiguration(String, String)
        case refusedConfiguration(String, String)
        case homeInUse(String)
        case lockUnavailable(String)
        case certificateOfAnother(directory: String, holder: String, participant: String)
        case stoppedBeforeListening
        case tokenNotFound(String)
        case backupRefused(String)
        case restoreRefused(String)
        case restoreFailed(String)
        case userNotFound(String)
        case userRefused(String)
    }

    private let reason: Reason

    static func notAHome(_ path: String) -> NodeError { NodeError(reason: .notAHome(path)) }
    static func homeExists(_ path: String) -> NodeError { NodeError(reason: .homeExists(path)) }
    static func unreadableConfiguration(_ file: String, _ detail: String) -> NodeError {
        NodeError(reason: .unreadableConfiguration(file, detail))
    }
    static func refusedConfiguration(_ file: String, _ detail: String) -> NodeError { NodeError(reason: .refusedConfiguration(file, detail)) }
    static func homeInUse(_ path: String) -> NodeError { NodeError(reason: .homeInUse(path)) }
    static func lockUnavailable(_ file: String) -> NodeError { NodeError(reason: .lockUnavailable(file)) }
    static func certificateOfAnother(directory: String, holder: String, participant: String) -> NodeError {
        NodeError(reason: .certificateOfAnother(directory: directory, holder: holder, participant: participant))
    }
    static let stoppedBeforeListening = NodeError(reason: .stoppedBeforeListening)
    static func tokenNotFound(_ id: String) -> NodeError { NodeError(reason: .tokenNotFound(id)) }
    static func backupRefused(_ detail: String) -> NodeError { NodeError(reason: .backupRefused(detail)) }
    static func restoreRefused(_ detail: String) -> NodeError { NodeError(reason: .restoreRefused(detail)) }
    static func restoreFailed(_ detail: String) -> NodeError { NodeError(reason: .restoreFailed(detail)) }
    static func userNotFound(_ name: String) -> NodeError { NodeError(reason: .userNotFound(name)) }
    static func userRefused(_ detail: String) -> NodeError { NodeError(reason: .userRefused(detail)) }

    /// Whether the node refused what it was given (a setting), rather than failing to run.
    public var refusesInput: Bool {
        switch reason {
        case .refusedConfiguration, .homeExists, .backupRefused, .restoreRefused, .userRefused: true
        default: false
        }
    }

    /// Whether what was asked for does not exist.
    public var isNotFound: Bool {
        if case .tokenNotFound = reason { return true }
        if case .userNotFound = reason { return true }
        return false
    }

    public var description: String {
        switch reason {
        case .notAHome(let path): "\(path) is not a node home: run 'lantern init --home \(path) --participant ID' first."
        case .homeExists(let path): "\(path) already holds a node."
        case .unreadableConfiguration(let file, let detail): "\(file) is not a valid configuration: \(detail)"
        case .refusedConfiguration(let file, let detail): "\(file): \(detail)"
        case .homeInUse(let path): "Another 'lantern serve' is already running in \(path)."
        case .lockUnavailable(let file): "Cannot open \(file)."
        case .certificateOfAnother(let directory, let holder, let participant):
            "The certificate in \(directory) is for \(holder), not this node's participant \(participant)."
        case .stoppedBeforeListening: "The node stopped before it listened."
        case .tokenNotFound(let id): "No API token has the id \(id)."
        case .backupRefused(let detail), .restoreRefused(let detail), .restoreFailed(let detail), .userRefused(let detail): detail
        case .userNotFound(let name): "No user is named \(name); 'lantern user list' shows who is."
        }
    }
}
