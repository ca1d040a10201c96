import Foundation
import HTTPTypes
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Testing

@testable import LanternUI

/// Reacting to a received signal from its page: the whole set replaced, withdrawn when nothing is ticked, never on
/// an own signal, and never by an auditor.
@Suite struct SignalReactionPageTests {
    @Test func anInvestigatorReactsToAReceivedSignalFromItsPage() async throws {
        let harness = try UIHarness()
        let received = try harness.received(Fixtures.urlDraft("https://bad.example/x"), 1)
        let own = try harness.service.create(Fixtures.urlDraft("https://mine.example/"))
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ana", role: .investigator, in: browser)
            let page = try await browser.get("/ui/signals/\(received)")
            #expect(page.html.contains(#"id="react""#) && !page.html.contains(#"value="HELPFUL" checked"#))
            #expect(try await browser.get("/ui/signals/\(own.id)").html.contains(#"id="react""#) == false)

            let sent = try await browser.postPairs(
                "/ui/signals/\(received)/react", [("csrf", page.csrf ?? ""), ("reactions[]", "HELPFUL"), ("reactions[]", "INGESTED")])
            #expect(sent.status == .seeOther && sent.location == "/ui/signals/\(received)?done=reacted")
            #expect(try harness.store.reactions.all(on: received).first?.kinds == [.helpful, .ingested])
            let shown = try await browser.get("/ui/signals/\(received)?done=reacted")
            #expect(shown.html.contains(#"value="HELPFUL" checked"#) && shown.html.contains("Your reactions are recorded"))

            let bad = try await browser.postPairs("/ui/signals/\(received)/react", [("csrf", page.csrf ?? ""), ("reactions[]", "LOVELY")])
            #expect(bad.status == .badRequest)
            let withdrawn = try await browser.postPairs("/ui/signals/\(received)/react", [("csrf", page.csrf ?? "")])
            #expect(withdrawn.status == .seeOther)
            #expect(try harness.store.reactions.all(on: received).first?.kinds ?? [] == [])
        }
    }

    @Test func anAuditorIsNotOfferedReactions() async throws {
        let harness = try UIHarness()
        let received = try harness.received(Fixtures.urlDraft("https://bad.example/x"), 1)
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ava", role: .auditor, in: browser)
            let page = try await browser.get("/ui/signals/\(received)")
            #expect(page.status == .ok && !page.html.contains(#"id="react""#))
            let refused = try await browser.postPairs("/ui/signals/\(received)/react", [("csrf", page.csrf ?? ""), ("reactions[]", "HELPFUL")])
            #expect(refused.status == .forbidden)
            #expect(try harness.store.reactions.all(on: received).isEmpty)
        }
    }
}
