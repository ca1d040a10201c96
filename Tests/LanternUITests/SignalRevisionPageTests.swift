import Foundation
import HTTPTypes
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Testing

@testable import LanternUI

/// An own signal's page lists its revisions: who changed which field from what to what; a received one has none.
@Suite struct SignalRevisionPageTests {
    @Test func anEditShowsOnTheSignalsPageWithWhoAndWhat() async throws {
        let harness = try UIHarness()
        let own = try harness.service.create(Fixtures.urlDraft("https://mine.example/"))
        let received = try harness.received(Fixtures.urlDraft("https://theirs.example/"), 1)
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ana", role: .investigator, in: browser)
            let before = try await browser.get("/ui/signals/\(own.id)")
            #expect(before.html.contains(#"id="revisions""#) && before.html.contains("created"))
            #expect(!before.html.contains(#"class="change""#))

            let edit = try await browser.get("/ui/signals/\(own.id)/edit")
            var fields = try SignalPageTests.formFields(edit.html)
            fields["severity"] = "INFO"
            fields["description"] = "<b>second sighting</b>"
            let saved = try await browser.post("/ui/signals/\(own.id)/edit", fields)
            #expect(saved.status == .seeOther, "\(saved.html)")

            let after = try await browser.get("/ui/signals/\(own.id)")
            let rows = after.all(#"<span class="field">([a-z_]+)</span>"#)
            #expect(rows == ["severity", "description"])
            #expect(after.html.contains("user:ana"))
            #expect(after.html.contains("<ins>&lt;b&gt;second sighting&lt;/b&gt;</ins>"))
            #expect(after.html.contains("<del>\(own.severity.rawValue)</del> → <ins>INFO</ins>"))

            let theirs = try await browser.get("/ui/signals/\(received)")
            #expect(theirs.status == .ok && !theirs.html.contains(#"id="revisions""#))
        }
    }
}
