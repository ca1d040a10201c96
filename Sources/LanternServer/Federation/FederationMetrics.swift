import Foundation
import LanternCore
import LanternSync
import Metrics
public import Prometheus

/// The node's federation metrics, through swift-metrics into a Prometheus registry of the node's own (not the
/// process-wide bootstrap, so several nodes can run in one process, as tests do). Served at `GET /metrics`.
///
/// Labels carry a scope's kind (`all`, `financial`, `allowlist`, `reactions`), never an allowlist's members, so
/// whoever scrapes the metrics learns nothing of who pilots with whom.
public final class FederationMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    public init() {
        registry = PrometheusCollectorRegistry()
        factory = PrometheusMetricsFactory(registry: registry)
    }

    /// Refusal reasons outside the chain verifier's own kinds.
    public enum Reason: String, Sendable {
        case originCertificate = "origin_certificate"
        case badBody = "bad_body"
        case gap
        case certificate
        case notAPeer = "not_a_peer"
        case notEntitled = "not_entitled"
        /// An event about a signal id its origin did not make.
        case notOwner = "not_owner"
        /// A signal for the financial pool from an origin that has not opted in to it.
        case notInPool = "not_in_pool"
        /// A peer with as many requests under way as it may have.
        case busy
    }

    func eventsReceived(_ count: Int, scope: Scope, from peer: ParticipantID) {
        Counter(label: "lantern_events_received_total", dimensions: [("scope", scope.kind), ("peer", peer.rawValue)], factory: factory)
            .increment(by: count)
    }

    func eventsSent(_ count: Int, scope: Scope, to peer: ParticipantID) {
        Counter(label: "lantern_events_sent_total", dimensions: [("scope", scope.kind), ("peer", peer.rawValue)], factory: factory)
            .increment(by: count)
    }

    func refused(_ reason: String) {
        Counter(label: "lantern_refusals_total", dimensions: [("reason", reason)], factory: factory).increment()
    }

    func refused(_ reason: Reason, count: Int = 1) {
        Counter(label: "lantern_refusals_total", dimensions: [("reason", reason.rawValue)], factory: factory).increment(by: count)
    }

    /// A connection closed as it opened: its address, or the node, held as many as the limits allow.
    func connectionRefused() {
        Counter(label: "lantern_connections_refused_total", factory: factory).increment()
    }

    func handshakeFailed(_ reason: String) {
        Counter(label: "lantern_handshake_failures_total", dimensions: [("reason", reason)], factory: factory).increment()
    }

    /// Events a peer holds that this node has not yet taken from it, over all scopes.
    func lag(_ events: Int, peer: ParticipantID) {
        Gauge(label: "lantern_sync_lag_events", dimensions: [("peer", peer.rawValue)], factory: factory).record(events)
    }

    /// A peer held events of this node's own chains that it had lost, so it started a new epoch.
    func lostEvents() {
        Counter(label: "lantern_lost_events_epochs_total", factory: factory).increment()
    }

    func compacted(_ reason: CompactionPolicy.Decision) {
        Counter(label: "lantern_compactions_total", dimensions: [("reason", reason.rawValue)], factory: factory).increment()
    }

    func tombstonesCollected(_ count: Int) {
        Counter(label: "lantern_tombstones_collected_total", factory: factory).increment(by: count)
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}

extension Scope {
    /// The scope's kind, for metric labels.
    var kind: String {
        switch self {
        case .all: "all"
        case .financial: "financial"
        case .allowlist: "allowlist"
        case .reactions: "reactions"
        }
    }
}
