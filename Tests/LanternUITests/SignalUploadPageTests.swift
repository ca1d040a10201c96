import Foundation
import HTTPTypes
import LanternCore
import LanternServer
import LanternStore
import LanternTesting
import Synchronization
import Testing

@testable import LanternUI

/// Uploading a file of signals from the UI: valid lines stored, refused ones listed with their line and field, the
/// progress page only for the person who sent it, and nothing kept of the file once imported.
@Suite struct SignalUploadPageTests {
    static let lines = [
        #"{"type":"url","value":"https://upload.example/one","tags":["sextortion"],"severity":"SEVERE","review_status":"UNREVIEWED","audience":"all"}"#,
        #"{"type":"url","value":"not a url","tags":["sextortion"],"severity":"WARNING","review_status":"UNREVIEWED","audience":"all"}"#,
        #"{"type":"keyword","value":"upload-keyword","language":"en","tags":["sextortion"],"severity":"WARNING","review_status":"UNREVIEWED","audience":"all"}"#,
        #"{"type":"url","value":"https://upload.example/two","tags":["no-such-tag"],"severity":"WARNING","review_status":"UNREVIEWED","audience":"all"}"#,
    ]

    /// Waits for a job to leave `running`, as the page's refresh would.
    static func finished(_ harness: UIHarness, _ id: String, owner: String = "user:ana") async throws -> ImportJobs.Job {
        for _ in 0..<500 {
            if let job = harness.imports.job(id, owner: owner), job.state != .running { return job }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw CancellationError()
    }

    @Test func anInvestigatorUploadsJSONLinesAndReadsTheRefusedLines() async throws {
        let harness = try UIHarness()
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ana", role: .investigator, in: browser)
            let form = try await browser.get("/ui/signals/upload")
            #expect(form.status == .ok && form.html.contains(#"enctype="multipart/form-data""#))
            let file = Array((Self.lines.joined(separator: "\n") + "\n").utf8)
            let sent = try await browser.postMultipart(
                "/ui/signals/upload", fields: [("csrf", form.csrf ?? ""), ("format", "auto")], file: ("signals.jsonl", file))
            let location = try #require(sent.location)
            #expect(sent.status == .seeOther && location.hasPrefix("/ui/signals/upload/"))
            let id = String(location.dropFirst("/ui/signals/upload/".count))

            let job = try await Self.finished(harness, id)
            #expect(job.state == .finished && job.summary.lines == 4 && job.summary.created == 2 && job.summary.rejected == 2, "\(job.summary)")
            #expect(job.bytesRead == file.count && job.bytes == file.count)
            let page = try await browser.get(location)
            #expect(page.status == .ok && !page.html.contains(#"http-equiv="refresh""#))
            #expect(page.first(#"id="created">(\d+)<"#) == "2" && page.first(#"id="rejected">(\d+)<"#) == "2")
            #expect(page.all(#"<tr><td>(\d+)</td><td><code>"#) == ["2", "4"])
            #expect(page.html.contains("<code>value</code>") && page.html.contains("<code>tags[0]</code>"))

            let stored = try harness.store.signals.page(matching: SignalQuery(value: "https://upload.example/one")).signals
            #expect(stored.count == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: harness.imports.directory.path).isEmpty)
            let list = try await browser.get("/ui/signals/upload")
            #expect(list.html.contains("signals.jsonl") && list.html.contains(location))

            // The same file again resumes after its committed lines: nothing is stored twice.
            let again = try await browser.postMultipart(
                "/ui/signals/upload", fields: [("csrf", form.csrf ?? "")], file: ("signals.jsonl", file))
            let second = try await Self.finished(harness, String(try #require(again.location).dropFirst("/ui/signals/upload/".count)))
            #expect(second.summary.skipped == 4 && second.summary.created == 0)
        }
        let actions = try harness.store.audit.page(AuditFilter(actor: "ana"), limit: 50).map(\.entry.action)
        #expect(actions.contains(.signalImport))
    }

    @Test func aCSVFileIsReadWithItsHeader() async throws {
        let harness = try UIHarness()
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ana", role: .investigator, in: browser)
            let form = try await browser.get("/ui/signals/upload")
            let csv =
                "\u{FEFF}type,value,tags,severity,review_status,audience\nurl,https://csv.example/a,sextortion,WARNING,UNREVIEWED,all\nurl,https://csv.example/b,sextortion,INFO,PENDING,all\n"
            let sent = try await browser.postMultipart(
                "/ui/signals/upload", fields: [("csrf", form.csrf ?? ""), ("format", "auto")], file: ("export.csv", Array(csv.utf8)))
            let job = try await Self.finished(harness, String(try #require(sent.location).dropFirst("/ui/signals/upload/".count)))
            #expect(job.format == .csv && job.state == .finished && job.summary.created == 2 && job.summary.rejected == 0)
        }
    }

    @Test func aDryRunStoresNothing() async throws {
        let harness = try UIHarness()
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ana", role: .investigator, in: browser)
            let form = try await browser.get("/ui/signals/upload")
            let sent = try await browser.postMultipart(
                "/ui/signals/upload", fields: [("csrf", form.csrf ?? ""), ("dry_run", "on")], file: ("a.jsonl", Array(Self.lines[0].utf8)))
            let job = try await Self.finished(harness, String(try #require(sent.location).dropFirst("/ui/signals/upload/".count)))
            #expect(job.summary.dryRun && job.summary.created == 1)
            #expect(try harness.store.signals.page(matching: SignalQuery()).signals.isEmpty)
            #expect(try await browser.get(try #require(sent.location)).html.contains("This was a dry run"))
        }
    }

    @Test func uploadsWithoutTheFormsTokenOrAFileAreRefusedAndKeepNothing() async throws {
        let harness = try UIHarness()
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ana", role: .investigator, in: browser)
            let form = try await browser.get("/ui/signals/upload")
            let forged = try await browser.postMultipart("/ui/signals/upload", fields: [("csrf", "0")], file: ("a.jsonl", Array(Self.lines[0].utf8)))
            #expect(forged.status == .forbidden)
            let empty = try await browser.postMultipart("/ui/signals/upload", fields: [("csrf", form.csrf ?? "")], file: nil)
            #expect(empty.status == .badRequest && empty.first(#"id="file-error" role="alert">([^<]+)<"#) != nil)
            let urlEncoded = try await browser.post("/ui/signals/upload", ["csrf": form.csrf ?? ""])
            #expect(urlEncoded.status == .badRequest)
            // A header that never ends is refused once it passes the bound, not gathered to the size limit.
            let boundary = "----lantern-test-0123456789"
            let endless = "--\(boundary)\r\nContent-Disposition: form-data; name=\"" + String(repeating: "x", count: 100_000)
            let refused = try await browser.send(
                .post, "/ui/signals/upload", body: endless,
                headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .origin: "http://localhost"])
            #expect(refused.status == .badRequest && refused.html.contains("headers are longer than 16384 bytes"), "\(refused.html)")
            #expect(try harness.store.signals.page(matching: SignalQuery()).signals.isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: harness.imports.directory.path).isEmpty)
        }
    }

    @Test func onlyTheSenderFollowsAnUploadAndAnAuditorCannotUpload() async throws {
        let harness = try UIHarness()
        let sentTo = Mutex("")
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ana", role: .investigator, in: browser)
            let form = try await browser.get("/ui/signals/upload")
            let sent = try await browser.postMultipart(
                "/ui/signals/upload", fields: [("csrf", form.csrf ?? "")], file: ("a.jsonl", Array(Self.lines[0].utf8)))
            let location = try #require(sent.location)
            sentTo.withLock { $0 = location }
        }
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ben", role: .investigator, in: browser)
            #expect(try await browser.get(sentTo.withLock { $0 }).status == .notFound)
        }
        try await harness.run { browser in
            _ = try await harness.enrolledUser("ava", role: .auditor, in: browser)
            let page = try await browser.get("/ui/signals/upload")
            #expect(page.status == .forbidden)
            let refused = try await browser.postMultipart("/ui/signals/upload", fields: [("csrf", page.csrf ?? "")], file: ("a.jsonl", [0x7B]))
            #expect(refused.status == .forbidden)
        }
    }
}
