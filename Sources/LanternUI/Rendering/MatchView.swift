import Foundation
import LanternAPI
import LanternServer

/// Why a review item matched its signal, laid out for a person to judge: for PDQ both hashes with the digits and
/// bits that differ, for a URL the part that matched, for a keyword the passage with the keyword marked. Computed
/// here; the template only places it, and Mustache escapes every piece of text.
enum MatchView {
    /// A run of text, marked or not.
    static func segments(_ text: String, marking range: Range<Int>) -> [[String: Any]] {
        let characters = Array(text)
        let lower = min(max(0, range.lowerBound), characters.count)
        let upper = min(max(lower, range.upperBound), characters.count)
        let parts = [(0..<lower, false), (lower..<upper, true), (upper..<characters.count, false)]
        return parts.filter { !$0.0.isEmpty }.map { part, mark in ["text": String(characters[part]), "mark": mark] }
    }

    /// The values a review item's page shows of the match, by the kind of reason stored with it.
    static func values(reason json: String?, itemType: String, itemValue: String?, signalValue: String?) -> [String: Any] {
        guard let json, let reason = try? JSONDecoder().decode(MatchReasonResource.self, from: Data(json.utf8)) else {
            return ["explanation": "The reason for this match was not recorded."]
        }
        guard let item = itemValue else {
            return ["kind": reason.kind, "explanation": "The signal is gone, and with it what the item showed."]
        }
        switch reason.kind {
        case "pdq":
            guard let signal = signalValue, let diff = pdq(item: item, signal: signal) else {
                return [
                    "kind": "pdq", "explanation": "The hashes are \(reason.distance.map(String.init) ?? "?") bits apart.", "segments": plain(item),
                ]
            }
            return ["kind": "pdq", "pdq": diff, "explanation": "The hashes are \(diff["distance"] ?? 0) of 256 bits apart."]
        case "domain":
            let domain = reason.domain ?? ""
            return [
                "kind": "domain", "segments": segments(item, marking: hostRange(of: domain, in: item)),
                "explanation": "The URL's host is \(domain) or one of its subdomains.",
            ]
        case "path_prefix":
            let path = reason.path ?? ""
            return [
                "kind": "path_prefix", "segments": segments(item, marking: prefixRange(of: path, in: item)),
                "explanation": "The URL lies under \(path).",
            ]
        case "keyword":
            let range = ReviewExcerpt.keywordRange(start: reason.start ?? 0, end: reason.end ?? 0, type: itemType)
            let marked = range.isEmpty ? 0..<item.count : range
            return ["kind": "keyword", "segments": segments(item, marking: marked), "explanation": "The keyword occurs in the passage shown."]
        default:
            return [
                "kind": reason.kind, "segments": segments(item, marking: 0..<item.count), "explanation": "The values are the same once normalised.",
            ]
        }
    }

    static func plain(_ text: String) -> [[String: Any]] { segments(text, marking: 0..<0) }

    /// Where the host `domain` (or the end of a subdomain of it) lies in a URL as given, ignoring case.
    static func hostRange(of domain: String, in url: String) -> Range<Int> {
        let characters = Array(url.lowercased())
        let afterScheme = characters.firstRange(of: Array("://")).map(\.upperBound) ?? 0
        let hostEnd = characters[afterScheme...].firstIndex { "/?#:".contains($0) } ?? characters.count
        let host = characters[afterScheme..<hostEnd]
        guard !domain.isEmpty, let found = host.lastRange(of: Array(domain.lowercased())), found.upperBound == hostEnd else { return 0..<0 }
        return found
    }

    /// Where `prefix`, a signal's URL, lies at the start of a URL as given, ignoring case and the scheme's case.
    static func prefixRange(of prefix: String, in url: String) -> Range<Int> {
        let characters = Array(url.lowercased())
        let wanted = Array(prefix.lowercased())
        guard !wanted.isEmpty, characters.starts(with: wanted) else {
            // A URL normalised differently from its signal (a port, an encoding): mark where the path starts.
            let path = prefix.firstRange(of: "://").map { prefix[$0.upperBound...] }.flatMap { $0.firstIndex(of: "/").map { prefix[$0...] } }
            guard let path, let found = characters.firstRange(of: Array(path.lowercased())) else { return 0..<0 }
            return found.lowerBound..<characters.count
        }
        return 0..<wanted.count
    }

    /// Two PDQ hashes side by side: each hex digit, marked where they differ, and a 16 × 16 grid of the 256 bits.
    static func pdq(item: String, signal: String) -> [String: Any]? {
        guard let a = nibbles(item), let b = nibbles(signal) else { return nil }
        var distance = 0
        var cells: [[String: Any]] = []
        cells.reserveCapacity(256)
        for bit in 0..<256 {
            let shift = 3 - bit % 4
            let x = (a[bit / 4] >> shift) & 1
            let y = (b[bit / 4] >> shift) & 1
            if x != y { distance += 1 }
            let kind = x != y ? "bit-differs" : (x == 1 ? "bit-on" : "bit-off")
            cells.append(["x": bit % 16 * 10, "y": bit / 16 * 10, "kind": kind])
        }
        func digits(_ values: [UInt8], against other: [UInt8]) -> [[String: Any]] {
            zip(values, other).map { value, theirs in ["digit": String(value, radix: 16), "differs": value != theirs] }
        }
        return ["item": digits(a, against: b), "signal": digits(b, against: a), "cells": cells, "distance": distance]
    }

    /// The 64 hex digits of a PDQ hash, either case; nil for anything else.
    static func nibbles(_ hex: String) -> [UInt8]? {
        let values = hex.trimmingCharacters(in: .whitespaces).compactMap(\.hexDigitValue).map(UInt8.init)
        guard values.count == 64, hex.trimmingCharacters(in: .whitespaces).count == 64 else { return nil }
        return values
    }
}

extension ArraySlice where Element: Equatable {
    /// The last range of `pattern` in the slice, in the base array's indices.
    func lastRange(of pattern: [Element]) -> Range<Int>? where Index == Int {
        guard !pattern.isEmpty, pattern.count <= count else { return nil }
        for start in stride(from: endIndex - pattern.count, through: startIndex, by: -1)
        where self[start..<start + pattern.count].elementsEqual(pattern) {
            return start..<start + pattern.count
        }
        return nil
    }
}
