import Foundation
import HTTPTypes
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Testing

@testable import LanternUI

/// The dashboard counts what the store holds and draws the week's flow.
@Suite struct DashboardPageTests {
    @Test func theDashboardCountsSignalsByTypeAndAudienceAndDrawsTheWeeks() async throws {
        let harness = try UIHarness()
        for n in 0..<3 { _ = try harness.service.create(Fixtures.urlDraft("https://example.com/\(n)")) }
        _ = try harness.service.create(Fixtures.urlDraft("https://example.com/pilot", audience: "bravo"))
        let pdq = try harness.service.create(Fixtures.pdqDraft())
        _ = try harness.service.remove(pdq.id, reason: .enteredInError)
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ana", role: .auditor, in: browser)
            let home = try await browser.get("/ui/")
            #expect(home.status == .ok && home.html.contains("<h1>Dashboard</h1>"))
            #expect(home.first(#"id="total">(\d+)<"#) == "4")
            #expect(home.html.contains("<td>all</td><td>3</td>") && home.html.contains("<td>allowlist</td><td>1</td>"))
            #expect(home.html.contains(#"<a href="/ui/signals?type=url">url</a></td><td>4</td><td>0</td>"#))
            let thisWeek = try #require(home.all(#"<title>([0-9-]+: \d+ added)</title>"#).last)
            // Added counts the live signals created in the week; the removed one counts as removed.
            #expect(thisWeek.hasSuffix(": 4 added"))
            #expect(home.all(#"<title>[0-9-]+: (\d+) removed</title>"#).last == "1")
            #expect(home.first(#"id="queue-waiting">(\d+)<"#) == "0")
            #expect(home.html.contains("runs without federation"))
        }
    }

    @Test func scalesAreRoundNumbers() {
        #expect(BarChart.niceCeiling(1) == 1)
        #expect(BarChart.niceCeiling(3) == 5)
        #expect(BarChart.niceCeiling(11) == 20)
        #expect(BarChart.niceCeiling(999_999) == 1_000_000)
        let chart = BarChart.weekly([("11-30", 10, 0), ("12-07", 0, 5)])
        let bars = chart["bars"] as? [[String: Any]] ?? []
        #expect(bars.count == 4 && bars[0]["h"] as? String == "160.0" && bars[3]["h"] as? String == "80.0")
    }
}
