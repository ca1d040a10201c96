import LanternWire
import Testing

/// The canonical body is what every event's digest covers, so its bytes are pinned here: a change of key order,
/// escaping or number format would change every digest peers already hold.
@Suite struct CanonicalSignalBodyTests {
    func body(value: String = "https://example.com/a", rawValue: String = "https://Example.com/a") -> String {
        CanonicalSignalBody.text(
            attributes: #"{"path_prefix":false}"#, audience: "all", context: #"{"related":[]}"#, createdAt: 1_790_000_000_000, expiresAt: -5,
            id: "01JQ7Z8W3V5K2M9N4P6R8T0X1Y", origin: "alpha", rawValue: rawValue, reviewStatus: "REVIEWED_MANUALLY", revision: UInt64.max,
            severity: "SEVERE", tags: #"["csam"]"#, taxonomyVersion: "2024.1", type: "url", updatedAt: 0, value: value)
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
