/// A store operation that could not be carried out, with a full-sentence reason.
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    private enum Kind: Equatable, Sendable {
        case notInitialized
        case alreadyInitialized(String)
        case signalNotFound(String)
        case duplicateSignal(String)
        case removedSignal(String)
        case backupDestinationExists(String)
        case corrupt(String)
        case tokenNotFound(String)
        case staleRegistry(current: UInt64, offered: UInt64)
        case userNotFound(String)
        case userExists(String)
    }

    private let kind: Kind

    static let notInitialized = StoreError(kind: .notInitialized)
    static func alreadyInitialized(_ id: String) -> StoreError { StoreError(kind: .alreadyInitialized(id)) }
    static func signalNotFound(_ id: String) -> StoreError { StoreError(kind: .signalNotFound(id)) }
    static func duplicateSignal(_ id: String) -> StoreError { StoreError(kind: .duplicateSignal(id)) }
    static func removedSignal(_ id: String) -> StoreError { StoreError(kind: .removedSignal(id)) }
    static func backupDestinationExists(_ path: String) -> StoreError { StoreError(kind: .backupDestinationExists(path)) }
    static func corrupt(_ what: String) -> StoreError { StoreError(kind: .corrupt(what)) }
    static func tokenNotFound(_ id: String) -> StoreError { StoreError(kind: .tokenNotFound(id)) }
    static func userNotFound(_ name: String) -> StoreError { StoreError(kind: .userNotFound(name)) }
    static func userExists(_ name: String) -> StoreError { StoreError(kind: .userExists(name)) }
    static func staleRegistry(current: UInt64, offered: UInt64) -> StoreError {
        StoreError(kind: .staleRegistry(current: current, offered: offered))
    }

    /// Whether the error says that a signal does not exist (or no longer does).
    public var isNotFound: Bool {
        switch kind {
        case .signalNotFound, .tokenNotFound, .userNotFound: true
        default: false
        }
    }

    public var description: String {
        switch kind {
        case .notInitialized: "This node's store has not been initialised: run 'lantern init' first."
        case .alreadyInitialized(let id): "This node's store is already initialised for participant \(id)."
        case .signalNotFound(let id): "No live signal has the id \(id)."
        case .duplicateSignal(let id): "A signal with the id \(id) already exists."
        case .removedSignal(let id): "The signal \(id) was removed, and a removal is final: it cannot be stored again."
        case .backupDestinationExists(let path): "The backup destination \(path) already exists; choose a new file."
        case .corrupt(let what): "The store holds a value it cannot read: \(what)."
        case .tokenNotFound(let id): "No API token has the id \(id)."
        case .userNotFound(let name): "No user is named \(name)."
        case .userExists(let name): "A user named \(name) already exists; user names are never reused."
        case .staleRegistry(let current, let offered):
            "Registry version \(offered) is not newer than version \(current), which is in force."
        }
    }
}
