import Foundation
import Hummingbird
import LanternCore
import LanternServer
import LanternStore

/// The dashboard: what the node holds, the weekly flow, the review queue and the peers, from counted figures.
struct DashboardPages: Sendable {
    let signals: SignalService
    let federation: FederationState?
    let pages: PageRenderer

    func register(on group: RouterGroup<UIRequestContext>) {
        group.get("", use: show)
    }

    @Sendable func show(_ request: Request, context: UIRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let figures = try signals.dashboard()
        let local = signals.participant
        var values: [String: Any] = ["nav_dashboard": true, "counted": PageRenderer.minute(figures.countedAt)]
        let tallies = figures.signals.tallies
        let own = tallies.filter { $0.origin == local }.map(\.count).reduce(0, +)
        let total = tallies.map(\.count).reduce(0, +)
        values["total"] = total
        values["own"] = own
        values["received"] = total - own
        var byType: [SignalType: (own: Int, received: Int)] = [:]
        for tally in tallies {
            if tally.origin == local {
                byType[tally.type, default: (0, 0)].own += tally.count
            } else {
                byType[tally.type, default: (0, 0)].received += tally.count
            }
        }
        let types = byType.sorted { ($0.value.own + $0.value.received, $1.key.rawValue) > ($1.value.own + $1.value.received, $0.key.rawValue) }
        values["types"] = types.map { type, counts -> [String: Any] in
            ["type": type.rawValue, "own": counts.own, "received": counts.received, "link": "/ui/signals?type=\(type.rawValue)"]
        }
        values["type_bars"] = BarChart.horizontal(types.map { ($0.key.rawValue, $0.value.own + $0.value.received) })
        values["has_types"] = !types.isEmpty
        values["type_bars_height"] = max(22, types.count * 22)
        let audiences = ["all", "allowlist", "financial"].map { kind in
            (label: kind, count: tallies.filter { $0.audience == kind }.map(\.count).reduce(0, +))
        }
        values["audiences"] = audiences.map { ["audience": $0.label, "count": $0.count] }
        let weeks = figures.signals.weeks.map { week in
            (label: String(Timestamp.format(week.start).prefix(10).dropFirst(5)), added: week.added, removed: week.removed)
        }
        values["weekly"] = BarChart.weekly(weeks)
        values["weeks_table"] = weeks.map { ["week": $0.label, "added": $0.added, "removed": $0.removed] }
        let queue = figures.queue
        values["queue_waiting"] = queue.waiting
        values["queue_claimed"] = queue.claimed
        values["queue_oldest"] = queue.oldest.map(PageRenderer.minute) ?? "none waiting"
        values["flagged"] = queue.flagged
        values["peers"] = try PeerPages.rows(federation)
        values["federated"] = federation != nil
        return pages.page("dashboard", title: "Dashboard", context: context, values: values)
    }
}
