/// Who may do what with a signal. Every rule of the program that depends on roles lives here, so the API, the
/// store and (later) the peer protocol ask the same questions.
public enum AccessPolicy {
    /// Financial institutions only consume the financial pool: they never author, edit or remove a signal.
    public static func checkMayAuthor(_ participant: Participant) throws(PolicyError) {
        guard participant.role == .tech else { throw PolicyError.financialInstitutionCannotAuthor(participant.id) }
    }

    /// A tech participant shares with the financial pool only once it has opted in to the pool in the program
    /// registry; any other audience is open to every author.
    public static func checkMayShare(with audience: Audience, author: Participant) throws(PolicyError) {
        guard audience != .financial || author.financialPoolOptIn else { throw PolicyError.notInFinancialPool(author.id) }
    }

    /// Only a signal's origin may change or remove it.
    public static func checkMayModify(signalOrigin: ParticipantID, actor: Participant) throws(PolicyError) {
        try checkMayAuthor(actor)
        guard signalOrigin == actor.id else { throw PolicyError.notOrigin(actor: actor.id, origin: signalOrigin) }
    }

    /// A consumer reacts to a signal it was entitled to receive, never to its own; a financial institution may
    /// react (its pilot feedback) though it may author nothing else.
    public static func checkMayReact(to signal: Signal, reactor: Participant) throws(PolicyError) {
        guard signal.origin != reactor.id else { throw PolicyError.ownSignal(reactor.id) }
        guard mayReceive(signal.audience, origin: signal.origin, participant: reactor) else {
            throw PolicyError.notInAudience(reactor.id)
        }
    }

    /// Whether `participant` is entitled to hold a copy of a signal from `origin` with this audience.
    public static func mayReceive(_ audience: Audience, origin: ParticipantID, participant: Participant) -> Bool {
        if participant.id == origin { return true }
        switch audience {
        case .all: return participant.role == .tech
        case .financial: return participant.role == .financial || participant.financialPoolOptIn
        case .allowlist(let members): return participant.role == .tech && members.contains(participant.id)
        }
    }
}

/// A refusal by `AccessPolicy`.
public struct PolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    private enum Kind: Equatable, Sendable {
        case financialInstitutionCannotAuthor(ParticipantID)
        case notOrigin(actor: ParticipantID, origin: ParticipantID)
        case ownSignal(ParticipantID)
        case notInAudience(ParticipantID)
        case notInFinancialPool(ParticipantID)
    }

    private let kind: Kind

    public static func financialInstitutionCannotAuthor(_ id: ParticipantID) -> PolicyError {
        PolicyError(kind: .financialInstitutionCannotAuthor(id))
    }

    public static func notOrigin(actor: ParticipantID, origin: ParticipantID) -> PolicyError {
        PolicyError(kind: .notOrigin(actor: actor, origin: origin))
    }

    public static func ownSignal(_ id: ParticipantID) -> PolicyError { PolicyError(kind: .ownSignal(id)) }

    public static func notInAudience(_ id: ParticipantID) -> PolicyError { PolicyError(kind: .notInAudience(id)) }

    public static func notInFinancialPool(_ id: ParticipantID) -> PolicyError { PolicyError(kind: .notInFinancialPool(id)) }

    public var description: String {
        switch kind {
        case .financialInstitutionCannotAuthor(let id):
            "Participant \(id) is a financial institution: it consumes the financial pool and may not author, edit or remove signals."
        case .notOrigin(let actor, let origin):
            "This signal belongs to \(origin); participant \(actor) may not change or remove it."
        case .ownSignal(let id):
            "Participant \(id) is this signal's origin: reactions are feedback from those who received it."
        case .notInAudience(let id):
            "Participant \(id) is not in this signal's audience, so it may not react to it."
        case .notInFinancialPool(let id):
            "Participant \(id) has not opted in to the financial pool in the program registry, so it may not share signals with the pool."
        }
    }
}
