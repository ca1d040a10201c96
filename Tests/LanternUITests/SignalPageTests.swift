import Foundation
import HTTPTypes
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Testing

@testable import LanternUI

/// The signal pages against a real store: forms validate as the API does, searches page without a cap, exports
/// are recorded, and an auditor changes nothing.
@Suite struct SignalPageTests {
    @Test func anInvestigatorCreatesEditsAndRemovesASignalThroughTheForms() async throws {
        let harness = try UIHarness()
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ana", role: .investigator, in: browser)
            let form = try await browser.get("/ui/signals/new")
            #expect(form.status == .ok)
            let csrf = form.csrf ?? ""
            // A bad value is refused beside its field, and nothing is stored.
            let refused = try await browser.post(
                "/ui/signals/new",
                [
                    "csrf": csrf, "type": "url", "value": "not a url", "tags": "csam", "severity": "SEVERE", "review_status": "UNREVIEWED",
                    "audience": "all",
                ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.first(#"id="value-error" role="alert">([^<]+)<"#) != nil, "\(refused.html)")
            #expect(refused.html.contains(#"value="csam""#))
            #expect(try harness.store.signals.count() == 0)
            let badTag = try await browser.post(
                "/ui/signals/new",
                [
                    "csrf": csrf, "type": "url", "value": "https://example.com/x", "tags": "csam, no-such-tag", "severity": "SEVERE",
                    "review_status": "UNREVIEWED", "audience": "all",
                ])
            #expect(badTag.first(#"id="tags-error" role="alert">([^<]+)<"#) != nil, "\(badTag.html)")

            let created = try await browser.post(
                "/ui/signals/new",
                [
                    "csrf": csrf, "type": "url", "value": "https://example.com/<script>", "tags": "csam", "severity": "SEVERE",
                    "review_status": "UNREVIEWED", "audience": "all", "description": "javascript:alert(1) <b>bold</b>",
                ])
            let location = try #require(created.location)
            #expect(location.hasPrefix("/ui/signals/") && location.hasSuffix("?done=created"))
            let detail = try await browser.get(location)
            #expect(detail.status == .ok && detail.html.contains("The signal is stored"))
            #expect(!detail.html.contains("<script>") && !detail.html.contains("<b>bold"))
            #expect(!detail.html.contains("href=\"javascript:"))
            let id = String(location.dropFirst("/ui/signals/".count).prefix(26))

            let edit = try await browser.get("/ui/signals/\(id)/edit")
            #expect(edit.html.contains(#"value="SEVERE" selected"#) || edit.html.contains("<option selected>SEVERE</option>"))
            var fields = try Self.formFields(edit.html)
            fields["severity"] = "WARNING"
            fields["confidence"] = "many"
            let badEdit = try await browser.post("/ui/signals/\(id)/edit", fields)
            #expect(badEdit.first(#"id="confidence-error" role="alert">([^<]+)<"#) == "A confidence is a whole number from 0 to 100.")
            fields["confidence"] = "80"
            let saved = try await browser.post("/ui/signals/\(id)/edit", fields)
            #expect(saved.location == "/ui/signals/\(id)?done=updated", "\(saved.html)")
            let stored = try #require(try harness.store.signals.signal(SignalID(id)!)).signal
            #expect(stored.severity == .warning && stored.context.confidence == 80 && stored.context.description == "javascript:alert(1) <b>bold</b>")

            let removed = try await browser.post("/ui/signals/\(id)/remove", ["csrf": csrf, "reason": "entered_in_error"])
            #expect(removed.location == "/ui/signals?done=removed")
            let gone = try await browser.get("/ui/signals/\(id)")
            #expect(gone.status == .gone && gone.html.contains("entered_in_error"))
        }
        let actions = try harness.store.audit.page(AuditFilter(actor: "ana"), limit: 50).map(\.entry.action)
        #expect(actions.contains(.signalCreate) && actions.contains(.signalUpdate) && actions.contains(.signalRemove))
    }

    @Test func aSearchPagesWithoutACapAndAnExportIsRecorded() async throws {
        let harness = try UIHarness()
        for n in 0..<120 { _ = try harness.service.create(Fixtures.urlDraft("https://example.com/page/\(n)")) }
        _ = try harness.service.create(Fixtures.pdqDraft())
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ana", role: .auditor, in: browser)
            var seen = Set<String>()
            var path: String? = "/ui/signals?type=url"
            var pages = 0
            while let next = path {
                let page = try await browser.get(next.replacingOccurrences(of: "&amp;", with: "&"))
                #expect(page.status == .ok)
                seen.formUnion(page.all(#"href="/ui/signals/([0-9A-Z]{26})""#))
                path = page.first(#"href="([^"]+)" id="next-page""#)
                pages += 1
            }
            #expect(seen.count == 120 && pages == 3)
            let bad = try await browser.get("/ui/signals?created_since=yesterday")
            #expect(bad.status == .badRequest && bad.first(#"id="created_since-error">([^<]+)<"#)?.hasSuffix("is not an RFC 3339 date.") == true)

            let csv = try await browser.get("/ui/signals/export?format=csv&type=url")
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.html.split(separator: "\r\n")
            #expect(lines.count == 121 && lines[0].hasPrefix("id,origin,type,value"))
            let jsonl = try await browser.get("/ui/signals/export?format=jsonl")
            #expect(jsonl.html.split(separator: "\n").count == 121)

            // An auditor reads but changes nothing.
            let new = try await browser.get("/ui/signals/new")
            #expect(new.status == .forbidden)
            let list = try await browser.get("/ui/signals")
            #expect(!list.html.contains("/ui/signals/new"))
            let id = try #require(seen.first)
            let remove = try await browser.post("/ui/signals/\(id)/remove", ["csrf": list.csrf ?? "", "reason": "entered_in_error"])
            #expect(remove.status == .forbidden)
        }
        #expect(try harness.store.signals.count() == 121)
        let exports = try harness.store.audit.page(AuditFilter(action: .signalExport), limit: 10)
        #expect(exports.map { $0.entry.detail["format"] ?? "" }.sorted() == ["csv", "jsonl"])
        #expect(exports.map(\.entry.targets.count).reduce(0, +) == 241)
        let searches = try harness.store.audit.page(AuditFilter(action: .signalSearch), limit: 10)
        #expect(searches.first?.entry.actor == .user("ana"))
    }

    @Test func aSelectionIsRemovedReAudiencedOrReactedToSignalBySignal() async throws {
        let harness = try UIHarness()
        let own = try (0..<3).map { try harness.service.create(Fixtures.urlDraft("https://example.com/own/\($0)")).id }
        // A signal bravo shared, stored as a received one would be.
        let received = try harness.store.signals.addLocal(try SyntheticSignals.signals(0..<1, origin: Fixtures.bravo))[0].id
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ana", role: .investigator, in: browser)
            let list = try await browser.get("/ui/signals")
            #expect(list.all(#"name="ids\[\]" value="([0-9A-Z]{26})""#).count == 4)
            let csrf = list.csrf ?? ""
            let removed = try await browser.postPairs(
                "/ui/signals/bulk",
                [("csrf", csrf), ("action", "remove"), ("reason", "entered_in_error"), ("back", "https://elsewhere.example/")]
                    + [own[0], own[1], received].map { ("ids[]", $0.rawValue) })
            #expect(removed.status == .ok && removed.html.contains("Remove: 2 done, 1 refused"), "\(removed.html)")
            #expect(removed.html.contains(#"href="/ui/signals" id="back""#))
            #expect(try harness.store.signals.signal(own[0]) == nil && harness.store.signals.signal(received) != nil)

            let audience = try await browser.postPairs(
                "/ui/signals/bulk", [("csrf", csrf), ("action", "audience"), ("audience", "bravo"), ("ids[]", own[2].rawValue)])
            #expect(audience.html.contains("1 done, 0 refused"), "\(audience.html)")
            #expect(try harness.store.signals.signal(own[2])?.signal.audience == .allowlist([Fixtures.bravo.id]))
            let notOurs = try await browser.postPairs(
                "/ui/signals/bulk", [("csrf", csrf), ("action", "audience"), ("audience", "financial"), ("ids[]", received.rawValue)])
            #expect(notOurs.html.contains("0 done, 1 refused"), "\(notOurs.html)")
            #expect(try harness.store.signals.signal(received)?.signal.audience == .all)

            let reacted = try await browser.postPairs(
                "/ui/signals/bulk",
                [("csrf", csrf), ("action", "react"), ("reactions", "helpful"), ("ids[]", received.rawValue), ("ids[]", own[2].rawValue)])
            #expect(reacted.html.contains("React: 1 done, 1 refused"), "\(reacted.html)")
            let refused = try await browser.postPairs("/ui/signals/bulk", [("csrf", csrf), ("action", "remove"), ("reason", "entered_in_error")])
            #expect(refused.status == .badRequest)
        }
        let records = try harness.store.audit.page(AuditFilter(actor: "ana"), limit: 50).map(\.entry.action)
        #expect(records.filter { $0 == .signalRemove }.count == 2 && records.contains(.signalUpdate) && records.contains(.reactionSend))
    }

    @Test func csvCellsAreQuotedAndFormulasDefused() {
        #expect(SignalExportFormat.csvCell("plain") == "plain")
        #expect(SignalExportFormat.csvCell("a,b") == "\"a,b\"")
        #expect(SignalExportFormat.csvCell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(SignalExportFormat.csvCell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(SignalExportFormat.csvCell("-1") == "'-1")
    }

    /// The named inputs, selects and text areas of a form, as a browser would send them.
    static func formFields(_ html: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        let page = Browser.Page(status: .ok, headers: [:], html: html)
        for pair in page.all(#"(<input[^>]*name="[^"]+"[^>]*value="[^"]*")"#) {
            let item = Browser.Page(status: .ok, headers: [:], html: pair)
            if let name = item.first(#"name="([^"]+)""#), let value = item.first(#"value="([^"]*)""#) { fields[name] = Self.unescape(value) }
        }
        for name in page.all(#"<textarea id="[^"]+" name="([^"]+)""#) {
            fields[name] = Self.unescape(page.first(#"name="\#(name)" rows="3"[^>]*>([^<]*)</textarea>"#) ?? "")
        }
        for name in page.all(#"<select id="[^"]+" name="([^"]+)""#) {
            let select = page.first(#"name="\#(name)">([\s\S]*?)</select>"#) ?? ""
            fields[name] = Browser.Page(status: .ok, headers: [:], html: select).first(#"<option selected>([^<]+)<"#) ?? ""
        }
        return fields
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
