import Foundation
import HTTPTypes
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Testing

@testable import LanternUI

/// The review queue's pages against a real store, with matches queued through the API as an integration queues
/// them: the match view, claims, decisions, refusals and flags.
@Suite struct ReviewPageTests {
    @Test func theMatchViewShowsWhyEachItemMatched() async throws {
        let harness = try UIHarness()
        _ = try harness.received(Fixtures.urlDraft("https://bad.example/x"), 1)
        _ = try harness.received(Fixtures.pdqDraft(), 2)
        var keyword = Fixtures.urlDraft()
        (keyword.type, keyword.value, keyword.language) = ("keyword", "send pics", "en")
        _ = try harness.received(keyword, 3)
        try await harness.run { browser in
            let text = String(repeating: "word ", count: 60) + "please send pics now <script>alert(1)</script>"
            let items = try await harness.match(
                [
                    ["type": "url", "value": "HTTPS://bad.example/x", "ref": "<b>post-1</b>"],
                    // Two hex digits changed, one bit each.
                    ["type": "pdq", "value": "ba" + String(repeating: "ab", count: 31), "ref": "img-2"],
                    ["type": "text", "value": text, "language": "en", "ref": "chat-3"],
                ], client: browser.client)
            let (url, pdq, chat) = (try #require(items[0]), try #require(items[1]), try #require(items[2]))
            _ = try await harness.enrolledUser("ana", role: .investigator, in: browser)

            let queue = try await browser.get("/ui/review")
            #expect(queue.status == .ok)
            #expect(queue.all(#"class="item-link">#(\d+)<"#) == [url, pdq, chat].map(String.init))
            #expect(queue.html.contains("&lt;b&gt;post-1&lt;/b&gt;") && !queue.html.contains("<b>post-1"))

            let hashes = try await browser.get("/ui/review/\(pdq)")
            #expect(hashes.status == .ok)
            #expect(hashes.html.contains("The hashes are 2 of 256 bits apart."))
            #expect(hashes.all(#"class="(bit-differs)""#).count == 2)
            #expect(hashes.all(#"<rect [^>]*class="(bit-)"#).count == 256)
            #expect(hashes.first(#"id="item-hash">(.*?)</p>"#)?.hasPrefix("<mark>b</mark><mark>a</mark>ab") == true)
            #expect(hashes.html.contains(#"id="claim""#) && hashes.html.contains(#"id="decide""#))

            let passage = try await browser.get("/ui/review/\(chat)")
            #expect(passage.html.contains("<mark>send pics</mark>"), "\(passage.html)")
            #expect(passage.html.contains("&lt;script&gt;") && !passage.html.contains("<script>"))

            let link = try await browser.get("/ui/review/\(url)")
            #expect(link.html.contains("The values are the same once normalised."))
            #expect(link.html.contains("<mark>HTTPS://bad.example/x</mark>"))

            #expect(try await browser.get("/ui/review/999").status == .notFound)
            #expect(try await browser.get("/ui/review?status=nonsense").status == .badRequest)
        }
    }

    @Test func aClaimIsOnePersonsAndTheDecisionIsRecordedAndAudited() async throws {
        let harness = try UIHarness()
        let signal = try harness.received(Fixtures.urlDraft("https://bad.example/x"), 1)
        try await harness.run { ana in
            let item = try #require(try await harness.match([["type": "url", "value": "https://bad.example/x"]], client: ana.client)[0])
            _ = try await harness.enrolledUser("ana", role: .investigator, in: ana)
            let ben = Browser(client: ana.client)
            _ = try await harness.enrolledUser("ben", role: .investigator, in: ben)

            let page = try await ana.get("/ui/review/\(item)")
            let claimed = try await ana.post("/ui/review/\(item)/claim", ["csrf": page.csrf ?? ""])
            #expect(claimed.status == .seeOther && claimed.location == "/ui/review/\(item)")
            let held = try await ana.get("/ui/review/\(item)")
            #expect(held.first(#"id="item-status">([a-z_]+)<"#) == "claimed")
            #expect(held.html.contains(#"id="release""#) && held.html.contains(#"id="decide""#))

            // ben sees who holds it, and may neither claim nor decide it.
            let seen = try await ben.get("/ui/review/\(item)")
            #expect(seen.html.contains("Claimed by ana.") && !seen.html.contains(#"id="decide""#) && !seen.html.contains(#"id="claim""#))
            let refused = try await ben.post("/ui/review/\(item)/decide", ["csrf": seen.csrf ?? "", "decision": "false_positive"])
            #expect(refused.status == .conflict)
            #expect(refused.first(#"id="review-error">([^<]+)<"#)?.contains("claimed by ana") == true)

            // Outcome actions go with a confirmation only: refused, and the item still claimed.
            let mixed = try await ana.post(
                "/ui/review/\(item)/decide", ["csrf": held.csrf ?? "", "decision": "false_positive", "actions[]": "url_blocked"])
            #expect(mixed.status == .badRequest, "\(mixed.html)")
            #expect(mixed.first(#"id="item-status">([a-z_]+)<"#) == "claimed")

            let decided = try await ana.post(
                "/ui/review/\(item)/decide",
                ["csrf": held.csrf ?? "", "decision": "confirmed", "actions[]": "url_blocked", "note": "blocked at the edge"])
            #expect(decided.status == .seeOther && decided.location == "/ui/review?done=decided")
            let done = try await ana.get("/ui/review/\(item)")
            #expect(done.first(#"id="item-status">([a-z_]+)<"#) == "confirmed")
            #expect(done.html.contains("blocked at the edge") && !done.html.contains(#"id="decide""#))
            // The default reaction of a confirmation with an action goes to the signal's origin.
            #expect(try harness.store.reactions.all(on: signal).first?.kinds == [.actionTaken])
            #expect(try await ana.get("/ui/review").html.contains("No item waits here."))

            let records = try harness.store.audit.page(AuditFilter(actor: "ana"), limit: 100).map(\.entry)
            #expect(records.contains { $0.action == .reviewClaim && $0.targets == [String(item), signal.rawValue] })
            #expect(records.contains { $0.action == .reviewDecide && $0.detail["decision"] == "confirmed" })
        }
    }

    @Test func anAuditorReadsTheQueueButDecidesNothing() async throws {
        let harness = try UIHarness()
        _ = try harness.received(Fixtures.urlDraft("https://bad.example/x"), 1)
        try await harness.run { browser in
            let item = try #require(try await harness.match([["type": "url", "value": "https://bad.example/x"]], client: browser.client)[0])
            _ = try await harness.enrolledUser("ava", role: .auditor, in: browser)
            let page = try await browser.get("/ui/review/\(item)")
            #expect(page.status == .ok && !page.html.contains(#"id="claim""#) && !page.html.contains(#"id="decide""#))
            #expect(try await browser.post("/ui/review/\(item)/claim", ["csrf": page.csrf ?? ""]).status == .forbidden)
            #expect(try await browser.post("/ui/review/\(item)/decide", ["csrf": page.csrf ?? "", "decision": "confirmed"]).status == .forbidden)
            #expect(try harness.store.review.item(Int64(item)).status == .open)
        }
    }

    @Test func aFlaggedSignalIsClearedAndItsItemsJoinTheQueue() async throws {
        let harness = try UIHarness()
        _ = try harness.received(Fixtures.urlDraft("https://bad.example/"), 1)
        try await harness.run { browser in
            // More distinct items than the default threshold match one signal within a day.
            let items = (0..<26).map { ["type": "url", "value": "https://bad.example/", "ref": "post-\($0)"] }
            _ = try await harness.match(items, client: browser.client)
            _ = try await harness.enrolledUser("ana", role: .investigator, in: browser)
            let flags = try await browser.get("/ui/review/flags")
            let signal = try #require(flags.first(#"<a href="/ui/signals/([^"]+)"><code>"#))
            let cleared = try await browser.post("/ui/review/flags/\(signal)", ["csrf": flags.csrf ?? "", "decision": "clear"])
            #expect(cleared.status == .seeOther && cleared.location == "/ui/review/flags?done=flag")
            #expect(try await browser.get("/ui/review/flags").html.contains("No signal is flagged."))
            let queue = try await browser.get("/ui/review")
            #expect(queue.all(#"class="item-link">#(\d+)<"#).count == 26)
            #expect(!queue.html.contains("status-held"))
            let again = try await browser.post("/ui/review/flags/\(signal)", ["csrf": flags.csrf ?? "", "decision": "suppress"])
            #expect(again.status == .conflict)
        }
    }
}
