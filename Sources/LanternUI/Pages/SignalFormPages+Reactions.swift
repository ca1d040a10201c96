import Foundation
import Hummingbird
import LanternCore
import LanternServer

extension SignalFormPages {
    struct ReactForm: Decodable {
        var csrf: String?
        var reactions: [String]?
    }

    /// Replaces this node's reactions to a received signal with those ticked (none withdraws them); they reach the
    /// signal's origin with the next sync.
    @Sendable func react(_ request: Request, context: UIRequestContext) async throws -> Response {
        _ = try Self.requireChanger(context)
        var request = request
        let submitted = try await request.form(ReactForm.self, context: context)
        try context.checkCSRF(submitted.csrf)
        let raw = context.parameters.get("id") ?? ""
        guard let id = SignalID(raw) else { throw UIFailure(status: .notFound, heading: "Not found", message: "'\(raw)' is not a signal id.") }
        do {
            _ = try signals.react(to: id, with: submitted.reactions ?? [])
        } catch let error as ValidationError {
            throw UIFailure.badForm("\(error.field): \(error.reason)")
        } catch let error as PolicyError {
            throw UIFailure.forbidden(error.description)
        } catch let error as SignalNotFound {
            throw UIFailure(status: .gone, heading: "Gone", message: error.description)
        }
        throw UIRedirect(to: "/ui/signals/\(id)?done=reacted")
    }

    /// Every reaction kind, ticked where this node's reactions hold it.
    static func reactionChoices(holding kinds: Set<ReactionKind>) -> [[String: Any]] {
        ReactionKind.allCases.map { ["name": $0.rawValue, "checked": kinds.contains($0)] }
    }
}
