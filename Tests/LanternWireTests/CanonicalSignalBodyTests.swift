import LanternWire
import Testing

/// The canonical body is what every event's digest covers, so its bytes are pinned here: a change of key order,
/// escaping or number format would change every digest peers already hold.
@Suite struct CanonicalSignalBodyTests {
    func body(value: String = "https://example.com/a", rawValue: String = "https://Example.com/a") -> String {
        let texts: [String] = [
            #"{"path_prefix":false}"#, "all", #"{"related":[]}"#, "01JQ7Z8W3V5K2M9N4P6R8T0X1Y", "alpha", rawValue, "REVIEWED_MANUALLY",
            "SEVERE", #"["csam"]"#, "2024.1", "url", value,
        ]
        // The texts side by side in one buffer, each part a view of its own range.
        let storage = texts.flatMap { Array($0.utf8) }
        var ranges: [Range<Int>] = []
        for text in texts { ranges.append((ranges.last?.upperBound ?? 0)..<((ranges.last?.upperBound ?? 0) + text.utf8.count)) }
        var out: [UInt8] = []
        storage.withUnsafeBytes { raw in
            let part = ranges.map { UnsafeRawBufferPointer(rebasing: raw[$0]) }
            CanonicalSignalBody(
                attributes: part[0], audience: part[1], context: part[2], createdAt: 1_790_000_000_000, expiresAt: -5, id: part[3],
                origin: part[4], rawValue: part[5], reviewStatus: part[6], revision: UInt64.max, severity: part[7], tags: part[8],
                taxonomyVersion: part[9], type: part[10], updatedAt: 0, value: part[11]
            ).append(to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func keysAreSortedAndNumbersWhole() {
        #expect(
            body()
                == #"{"attributes":{"path_prefix":false},"audience":"all","context":{"related":[]},"created_at":1790000000000,"#
                + #""expires_at":-5,"id":"01JQ7Z8W3V5K2M9N4P6R8T0X1Y","origin":"alpha","raw_value":"https://Example.com/a","#
                + #""review_status":"REVIEWED_MANUALLY","revision":18446744073709551615,"severity":"SEVERE","tags":["csam"],"#
                + #""taxonomy_version":"2024.1","type":"url","updated_at":0,"value":"https://example.com/a"}"#)
    }

    @Test func textIsEscapedAsJSONEncoderEscapesIt() {
        let tricky = "a\"b\\c\nd\re\tf\u{01}g\u{1F}é"
        #expect(body(rawValue: tricky).contains(#""raw_value":"a\"b\\c\nd\re\tf\u0001g\u001fé""#))
        var text = ""
        JSONText.appendString(tricky, to: &text)
        #expect(text == #""a\"b\\c\nd\re\tf\u0001g\u001fé""#)
    }
}
