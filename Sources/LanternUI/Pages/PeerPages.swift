import Foundation
import Hummingbird
import LanternAPI
import LanternCore
import LanternServer

/// The peers: per peer and scope, what this node last saw (contact, lag, last error), from memory without calling
/// anyone, and a button that pulls from one peer or all of them now and shows what each pull did.
struct PeerPages: Sendable {
    let federation: FederationState?
    let sync: SyncService?
    let pages: PageRenderer

    func register(on group: RouterGroup<UIRequestContext>) {
        group.get("peers", use: list)
        group.post("peers/sync", use: syncNow)
    }

    @Sendable func list(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try context.requireUser()
        return try page(context: context, session: session)
    }

    func page(context: UIRequestContext, session: ActiveSession, reports: [SyncReport]? = nil) throws -> Response {
        var values: [String: Any] = [
            "nav_peers": true, "federated": federation != nil, "may_sync": session.user.role.mayChangeSignals && sync != nil,
            "peers": try Self.rows(federation),
        ]
        if let reports {
            values["has_reports"] = true
            values["reports"] = reports.map { report -> [String: Any] in
                var row: [String: Any] = [
                    "peer": report.peer, "batches": report.batches, "stored": report.stored, "removed": report.removed,
                    "retracted": report.retracted, "refused": report.refused.joined(separator: " "),
                ]
                row["error"] = report.error
                return row
            }
        }
        return pages.page("peers", title: "Peers", context: context, values: values)
    }

    /// Each peer with its scopes as this node last saw them: the peers page's table, and the dashboard's.
    static func rows(_ federation: FederationState?) throws -> [[String: Any]] {
        guard let federation else { return [] }
        let seen = federation.activity.snapshot()
        let positions = try federation.chainPositions()
        return federation.peers.sorted { $0.key < $1.key }.map { participant, url in
            let peer = seen[participant]
            let lags = federation.activity.lag(of: participant, holding: positions)
            let failing = peer?.lastErrorAt.map { errorAt in peer?.lastContact.map { errorAt > $0 } ?? true } ?? false
            let total = PeerActivity.total(lags)
            var row: [String: Any] = [
                "participant": participant.rawValue, "url": url, "lag": total, "failing": failing,
                "state": peer == nil ? "not contacted yet" : failing ? "failing" : total > 0 ? "behind" : "in sync",
                "last_contact": peer?.lastContact.map(PageRenderer.minute) ?? "not yet",
                "scopes": (peer?.scopes ?? [:]).sorted { $0.key < $1.key }.map { scope, scoped -> [String: Any] in
                    ["scope": scope, "lag": lags[scope] ?? 0, "last_pull": scoped.lastPull.map(PageRenderer.minute) ?? "not yet"]
                },
            ]
            row["last_error"] = peer?.lastError
            row["last_error_at"] = peer?.lastErrorAt.map(PageRenderer.minute)
            return row
        }
    }

    struct SyncForm: Decodable {
        var csrf: String?
        var peer: String?
    }

    /// Pulls from every peer, or the one named, now; the page then shows what each pull did.
    @Sendable func syncNow(_ request: Request, context: UIRequestContext) async throws -> Response {
        let session = try SignalFormPages.requireChanger(context)
        var request = request
        let form = try await request.form(SyncForm.self, context: context)
        try context.checkCSRF(form.csrf)
        guard let federation, let sync else {
            throw UIFailure(status: .conflict, heading: "Not federated", message: "This node has no certificate, so it has no peers to sync with.")
        }
        var only: ParticipantID?
        if let text = form.peer, !text.isEmpty {
            guard let id = ParticipantID(text), federation.peers[id] != nil else {
                throw UIFailure.badForm("'\(text)' is not a configured peer.")
            }
            only = id
        }
        return try page(context: context, session: session, reports: await sync.pullAll(only: only))
    }
}
