import Foundation
import LanternTesting
import Testing

@testable import LanternCore

/// The API reads dates as RFC 3339 writes them, no more and no less.
@Suite struct RFC3339Tests {
    @Test func everyFormTheGrammarAllowsIsRead() {
        let noon = Date(timeIntervalSince1970: 1_769_860_800)
        #expect(Timestamp.parse("2026-01-31T12:00:00Z") == noon)
        #expect(Timestamp.parse("2026-01-31t12:00:00z") == noon)
        #expect(Timestamp.parse("2026-01-31T01:09:00-10:51") == noon)
        #expect(Timestamp.parse("2026-02-01T08:59:00+20:59") == noon)
        #expect(Timestamp.parse("2026-01-31T12:00:00.5000000000000Z") == noon.addingTimeInterval(0.5))
        #expect(Timestamp.parse("2026-01-31T11:59:60Z") == noon)
        #expect(Timestamp.parse("0751-03-30T07:51:01.738343-20:51") != nil)
        #expect(Timestamp.parse("0000-01-01") == Date(timeIntervalSince1970: -62_167_219_200))
    }

    @Test func whatTheGrammarForbidsIsNot() {
        for text in [
            "2026-02-29", "1900-02-29", "2026-13-01", "2026-04-31", "2026-01-00", "2026-01-31T24:00:00Z", "2026-01-31T12:60:00Z",
            "2026-01-31T12:00:61Z", "2026-01-31T12:00:00", "2026-01-31T12:00:00.Z", "2026-01-31T12:00:00+0100", "2026-01-31T12:00:00+24:00",
            "2026-01-31 12:00:00Z", "26-01-31", "2026-1-31", "2026-01-31Z", "2026-01-31T12:00Z", "+2026-01-31", "",
        ] {
            #expect(Timestamp.parse(text) == nil, "\(text)")
        }
        #expect(Timestamp.parse("2024-02-29") != nil)
        #expect(Timestamp.parse("2000-02-29") != nil)
    }

    /// Where Foundation's ISO 8601 style reads a date too (Gregorian years, offsets up to 18 hours), both agree.
    @Test func agreesWithFoundationWhereBothRead() throws {
        var random = SeededGenerator(state: 3339)
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for _ in 0..<2_000 {
            let year = Int.random(in: 1600...9999, using: &random)
            let month = Int.random(in: 1...12, using: &random)
            let day = Int.random(in: 1...RFC3339.daysIn(month: month, year: year), using: &random)
            let offset = Int.random(in: -(18 * 60)...(18 * 60), using: &random)
            let text = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.%03d%@%02d:%02d", year, month, day, Int.random(in: 0...23, using: &random),
                Int.random(in: 0...59, using: &random), Int.random(in: 0...59, using: &random), Int.random(in: 0...999, using: &random),
                offset < 0 ? "-" : "+", abs(offset) / 60, abs(offset) % 60)
            let ours = try #require(Timestamp.parse(text), "\(text)")
            let theirs = try style.parse(text)
            #expect(abs(ours.timeIntervalSince(theirs)) < 0.001, "\(text)")
        }
    }
}
