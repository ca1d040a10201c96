public import Foundation
public import LanternCore

/// The body of a reaction event: a reactor's whole set of reactions to one signal, in a fixed byte form so its
/// digest is the same on every node that rebuilds it.
public enum ReactionWire {
    /// `{"signal_id":…,"reactor":…,"reactions":[…],"reacted_at":…}`, reactions sorted, no spaces. Every field is
    /// drawn from a restricted alphabet, so nothing needs escaping.
    public static func encode(_ reaction: Reaction) -> Data {
        let kinds = reaction.kinds.sorted().map { "\"\($0.rawValue)\"" }.joined(separator: ",")
        let text =
            "{\"signal_id\":\"\(reaction.signalID.rawValue)\",\"reactor\":\"\(reaction.reactor.rawValue)\",\"reactions\":[\(kinds)],"
            + "\"reacted_at\":\(Timestamp.milliseconds(reaction.reactedAt))}"
        return Data(text.utf8)
    }

    /// Reads a body a peer sent, checking every field; the revision comes from the event.
    public static func decode(_ data: Data, revision: UInt64) throws(ValidationError) -> Reaction {
        struct Body: Decodable {
            var signal_id: String
            var reactor: String
            var reactions: [String]
            var reacted_at: Int64
        }
        guard data.count <= 4096, let body = try? JSONDecoder().decode(Body.self, from: data) else {
            throw ValidationError(field: "reaction", reason: "A reaction body is a JSON object with signal_id, reactor, reactions and reacted_at.")
        }
        guard let id = SignalID(body.signal_id) else { throw ValidationError(field: "signal_id", reason: "'\(body.signal_id)' is not a signal id.") }
        guard let reactor = ParticipantID(body.reactor) else {
            throw ValidationError(field: "reactor", reason: "'\(body.reactor)' is not a participant id.")
        }
        let kinds = try ReactionKind.parse(body.reactions)
        guard let reactedAt = Timestamp.date(milliseconds: body.reacted_at) else {
            throw ValidationError(field: "reacted_at", reason: "A reaction's date is in the years 1 to 9999.")
        }
        return Reaction(signalID: id, reactor: reactor, kinds: kinds, revision: revision, reactedAt: reactedAt)
    }
}
