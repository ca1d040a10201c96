import Foundation
import Logging
import Synchronization

/// Where a running node listens: reported by its servers as they start, written to the home's `api.json` once every
/// endpoint listens (so whoever waits for the file can use them all), and handed to whoever awaits `endpoints()`.
final class RuntimeInfo: Sendable {
    private struct State {
        var expectsPeer = false
        var api: String?
        var peer: String?
        var outcome: Result<LanternNode.Endpoints, any Error>?
        var waiting: [CheckedContinuation<LanternNode.Endpoints, any Error>] = []
    }

    let file: URL
    let logger: Logger
    private let state = Mutex(State())

    init(file: URL, logger: Logger) {
        self.file = file
        self.logger = logger
    }

    func expect(peer: Bool) {
        state.withLock { $0.expectsPeer = peer }
    }

    func report(api url: String) { record { $0.api = url } }

    func report(peer url: String) { record { $0.peer = url } }

    /// Ends the wait of everyone still waiting with `error`; does nothing once the endpoints were reported.
    func fail(_ error: any Error) {
        let waiting = state.withLock { state -> [CheckedContinuation<LanternNode.Endpoints, any Error>] in
            guard state.outcome == nil else { return [] }
            state.outcome = .failure(error)
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume(throwing: error) }
    }

    func removeFile() {
        try? FileManager.default.removeItem(at: file)
    }

    func endpoints() async throws -> LanternNode.Endpoints {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = state.withLock { state -> Result<LanternNode.Endpoints, any Error>? in
                if state.outcome == nil { state.waiting.append(continuation) }
                return state.outcome
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    private func record(_ change: (inout State) -> Void) {
        let (endpoints, waiting) = state.withLock { state -> (LanternNode.Endpoints?, [CheckedContinuation<LanternNode.Endpoints, any Error>]) in
            change(&state)
            guard state.outcome == nil, let api = state.api, state.peer != nil || !state.expectsPeer else { return (nil, []) }
            let endpoints = LanternNode.Endpoints(api: api, peer: state.peer)
            state.outcome = .success(endpoints)
            defer { state.waiting = [] }
            return (endpoints, state.waiting)
        }
        guard let endpoints else { return }
        var snapshot = ["url": endpoints.api]
        snapshot["peer_url"] = endpoints.peer
        try? JSONEncoder().encode(snapshot).write(to: file, options: .atomic)
        logger.notice("Node is serving", metadata: snapshot.mapValues { .string($0) })
        for continuation in waiting { continuation.resume(returning: endpoints) }
    }
}
