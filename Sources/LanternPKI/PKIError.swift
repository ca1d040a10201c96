/// A certificate or registry that cannot be used, with a full-sentence reason.
public struct PKIError: Error, Equatable, Sendable, CustomStringConvertible {
    private enum Kind: Equatable, Sendable {
        case noIdentity
        case malformedIdentity(String)
        case notCA
        case badPEM(String)
        case registrySignature
        case registryMalformed(String)
        case registryNotNewer(current: UInt64, offered: UInt64)
        case unknownParticipant(String)
        case alreadyRevoked(String)
        case registryOmitsNode(version: UInt64, node: String)
        case registryWrongView(offered: String, node: String)
    }

    private let kind: Kind

    static let noIdentity = PKIError(kind: .noIdentity)
    static func malformedIdentity(_ uri: String) -> PKIError { PKIError(kind: .malformedIdentity(uri)) }
    static let notCA = PKIError(kind: .notCA)
    static func badPEM(_ what: String) -> PKIError { PKIError(kind: .badPEM(what)) }
    static let registrySignature = PKIError(kind: .registrySignature)
    static func registryMalformed(_ why: String) -> PKIError { PKIError(kind: .registryMalformed(why)) }
    static func registryNotNewer(current: UInt64, offered: UInt64) -> PKIError {
        PKIError(kind: .registryNotNewer(current: current, offered: offered))
    }
    static func unknownParticipant(_ id: String) -> PKIError { PKIError(kind: .unknownParticipant(id)) }
    static func alreadyRevoked(_ what: String) -> PKIError { PKIError(kind: .alreadyRevoked(what)) }
    static func registryOmitsNode(version: UInt64, node: String) -> PKIError { PKIError(kind: .registryOmitsNode(version: version, node: node)) }
    static func registryWrongView(offered: String, node: String) -> PKIError { PKIError(kind: .registryWrongView(offered: offered, node: node)) }

    public var description: String {
        switch kind {
        case .noIdentity:
            "The certificate carries no LanternNode participant identity (a lantern://participant/ID?role=ROLE subject alternative name)."
        case .malformedIdentity(let uri): "The certificate's participant identity '\(uri)' is not well formed."
        case .notCA: "The certificate is not a certificate authority."
        case .badPEM(let what): "The \(what) is not valid PEM."
        case .registrySignature: "The participant registry's signature does not verify against the program CA."
        case .registryMalformed(let why): "The participant registry cannot be read: \(why)"
        case .registryNotNewer(let current, let offered):
            "The offered participant registry (version \(offered)) is not newer than the one in force (version \(current))."
        case .unknownParticipant(let id): "No participant \(id) has been issued a certificate."
        case .alreadyRevoked(let what): "\(what) is already revoked."
        case .registryOmitsNode(let version, let node):
            "Registry version \(version) does not list this node's participant \(node) with its role."
        case .registryWrongView(let offered, let node):
            "The registry document offered (\(offered)) is not the one for this node (\(node)): tech participants' nodes take the full registry, a financial institution's node only its own view."
        }
    }
}
