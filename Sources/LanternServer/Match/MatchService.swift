import Foundation
public import LanternCore
public import LanternMatch
public import LanternStore
import Synchronization

/// Holds the node's matchers and keeps them in step with the store by following its change log: every signal
/// the node holds, its own and those received, new, changed, removed, expired or retracted. Each query first
/// applies whatever was committed before it, so a removed signal stops matching at once. The first query loads
/// every signal (a few seconds for a million); a node that never matches holds no matcher at all.
public final class MatchService: Sendable {
    let store: NodeStore
    private let state = Mutex<(matcher: SignalMatcher, cursor: Int64)>((SignalMatcher(), 0))

    public init(store: NodeStore) {
        self.store = store
    }

    /// A matcher over the signals `service` holds.
    public convenience init(service: SignalService) {
        self.init(store: service.store)
    }

    /// Applies every change committed since the last call.
    func catchUp() throws {
        while true {
            let cursor = state.withLock { $0.cursor }
            let page = try store.signals.changes(after: cursor)
            guard page.last > cursor else { return }
            state.withLock { state in
                // Another caller applied this page meanwhile: its changes are in, never apply an older page again.
                guard state.cursor == cursor else { return }
                for change in page.changes {
                    switch change {
                    case .live(let signal): state.matcher.insert(signal)
                    case .gone(let id): state.matcher.remove(id)
                    }
                }
                state.matcher.prepare()
                state.cursor = page.last
            }
        }
    }

    /// The signals matching each item, or the item's error; the matches come with their signals.
    public func match(_ items: [MatchItem]) throws -> [Result<[(signal: Signal, reason: MatchReason)], ValidationError>] {
        try catchUp()
        let found: [Result<[ValueMatch], ValidationError>] = state.withLock { state in
            items.map { item in Result { () throws(ValidationError) in try state.matcher.matches(item) } }
        }
        let results: [Result<[(signal: Signal, reason: MatchReason)], ValidationError>] = try found.map { result in
            switch result {
            case .failure(let error): return .failure(error)
            case .success(let matches):
                return .success(try matches.compactMap { match in try store.signals.signal(match.signal).map { ($0.signal, match.reason) } })
            }
        }
        let matched = results.flatMap { (try? $0.get())?.map(\.signal.id.rawValue) ?? [] }
        if let scope = AuditScope.current {
            let detail = ["items": String(items.count), "matches": String(matched.count)]
            try store.audit.append(scope.entry(.matchQuery, targets: matched, detail: detail), now: Date())
        }
        return results
    }
}
