import Foundation
import LanternCore
import LanternTesting
import Testing

@testable import LanternStore

@Suite struct SignalQueryTests {
    let directory: TemporaryDirectory
    let store: NodeStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try Fixtures.store(in: directory)
        let validator = Fixtures.validator()
        var drafts: [SignalDraft] = []
        for i in 0..<30 {
            var draft = i % 3 == 0 ? Fixtures.pdqDraft(String(format: "%064x", i)) : Fixtures.urlDraft("https://example.com/\(i)")
            if i % 5 == 0 { draft.tags = ["grooming_sexual", "platform:discord"] }
            if i % 4 == 0 { draft.audience = "bravo" }
            if i == 7 { draft.audience = "charlie,bravo" }
            if i % 2 == 0 { draft.reviewStatus = "PENDING" }
            drafts.append(draft)
        }
        drafts.append(Fixtures.financialDraft())
        let signals = try drafts.enumerated().map { i, draft in
            try validator.validateNew(
                draft, id: Fixtures.signalID(UInt64(i), at: Fixtures.now.addingTimeInterval(Double(i))), author: Fixtures.alpha.id,
                now: Fixtures.now.addingTimeInterval(Double(i)))
        }
        try store.signals.addLocal(signals)
    }

    func ids(_ query: SignalQuery) throws -> Int { try store.signals.page(matching: query).signals.count }

    @Test func filtersCombine() throws {
        #expect(try ids(SignalQuery(type: .pdq)) == 10)
        #expect(try ids(SignalQuery(tag: "grooming_sexual")) == 6)
        #expect(try ids(SignalQuery(tag: "platform")) == 6)
        #expect(try ids(SignalQuery(tag: "platform:discord")) == 6)
        #expect(try ids(SignalQuery(tag: "platform:telegram")) == 0)
        #expect(try ids(SignalQuery(audience: .allowlistIncluding(Fixtures.bravo.id))) == 9)
        #expect(try ids(SignalQuery(audience: .allowlistIncluding(Fixtures.charlie.id))) == 1)
        #expect(try ids(SignalQuery(audience: .financial)) == 1)
        #expect(try ids(SignalQuery(audience: .all)) == 21)
        #expect(try ids(SignalQuery(reviewStatus: .pending)) == 15)
        #expect(try ids(SignalQuery(type: .pdq, reviewStatus: .pending)) == 5)
        #expect(try ids(SignalQuery(origin: Fixtures.bravo.id)) == 0)
        #expect(try ids(SignalQuery(createdSince: Fixtures.now.addingTimeInterval(25))) == 6)
        #expect(try ids(SignalQuery(value: "https://example.com/7")) == 1)
    }

    @Test func cursorsWalkEveryResultOnce() throws {
        var seen: [SignalID] = []
        var query = SignalQuery(limit: 7)
        while true {
            let page = try store.signals.page(matching: query)
            seen += page.signals.map(\.signal.id)
            guard let next = page.nextCursor else { break }
            query.before = next
        }
        #expect(seen.count == 31)
        #expect(Set(seen).count == 31)
        #expect(seen == seen.sorted(by: >))
    }
}
