import Foundation
import GRDB
import HTTPTypes
import LanternCore
import LanternServer
import LanternTesting
import Testing

@testable import LanternStore
@testable import LanternUI

/// The audit page: auditors and admins read the log with filters and paging, see whether its chain holds, and
/// their reading is recorded too; investigators do not read it.
@Suite struct AuditPageTests {
    @Test func anAuditorFiltersAndPagesTheLogAndSeesTheChainHold() async throws {
        let harness = try UIHarness()
        try await harness.run { browser in
            for n in 0..<120 {
                _ = try harness.store.audit.append(
                    AuditEntry(actor: .token(id: "tok\(n % 3)", owner: nil), address: "10.0.0.\(n % 7)", action: .signalView, targets: ["s\(n)"]),
                    now: Fixtures.now)
            }
            _ = try await harness.enrolledUser("ava", role: .auditor, in: browser)
            let page = try await browser.get("/ui/audit")
            #expect(page.status == .ok)
            #expect(page.html.contains(#"id="chain-intact""#))
            #expect(page.all(#"<tr>\s*<td>(\d+)</td>"#).count == 100)
            let next = try #require(page.first(#"id="next-page" href="([^"]+)""#) ?? page.first(#"<a class="button" href="([^"]+)" id="next-page""#))
            let older = try await browser.get(next.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(older.status == .ok && older.all(#"<tr>\s*<td>(\d+)</td>"#).count > 0)
            #expect(older.all(#"<tr>\s*<td>(\d+)</td>"#).allSatisfy { Int($0)! < Int(page.all(#"<tr>\s*<td>(\d+)</td>"#).last!)! })

            let views = try await browser.get("/ui/audit?action=signal.view&actor=tok1")
            let seqs = views.all(#"<tr>\s*<td>(\d+)</td>"#)
            #expect(seqs.count == 40)
            #expect(views.all(#"<td>(tok\d)"#).allSatisfy { $0 == "tok1" })

            let logins = try await browser.get("/ui/audit?action=login&from=2000-01-01&until=2099-12-31")
            #expect(logins.html.contains(">ava <span"))
            let bad = try await browser.get("/ui/audit?from=yesterday")
            #expect(bad.status == .badRequest && bad.html.contains(#"id="from-error""#))

            // The reading is itself recorded.
            let reads = try harness.store.audit.page(AuditFilter(actor: "ava", action: .auditRead), limit: 10)
            #expect(reads.count >= 4 && reads.contains { $0.entry.detail["action"] == "signal.view" && $0.entry.detail["actor"] == "tok1" })

            let verify = try await browser.post("/ui/audit/verify", ["csrf": page.csrf ?? ""])
            #expect(verify.status == .seeOther && verify.location == "/ui/audit")
        }
    }

    @Test func anInvestigatorDoesNotReadTheLog() async throws {
        let harness = try UIHarness()
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ana", role: .investigator, in: browser)
            let dashboard = try await browser.get("/ui/")
            #expect(!dashboard.html.contains(#"href="/ui/audit""#))
            #expect(try await browser.get("/ui/audit").status == .forbidden)
            #expect(try await browser.post("/ui/audit/verify", ["csrf": dashboard.csrf ?? ""]).status == .forbidden)
        }
    }

    @Test func aBrokenChainIsShown() async throws {
        let harness = try UIHarness()
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ava", role: .auditor, in: browser)
            // Someone with the database file rewrites a record behind the node's back.
            try await harness.store.writer.write { db in
                try db.execute(sql: "DROP TRIGGER audit_log_is_append_only_update")
                try db.execute(sql: "UPDATE audit_log SET address = 'elsewhere' WHERE seq = 2")
            }
            let form = try await browser.get("/ui/audit")
            _ = try await browser.post("/ui/audit/verify", ["csrf": form.csrf ?? ""])
            let page = try await browser.get("/ui/audit")
            #expect(page.html.contains(#"id="chain-broken""#) && page.html.contains("Record 2 was changed after it was written."))
        }
    }
}
