import LanternWire
import Testing

/// A key given twice in one object is found wherever it is, however it is spelt; anything else is not.
@Suite struct JSONRepeatedKeysTests {
    func first(_ text: String) -> String? { JSONRepeatedKeys.first(in: Array(text.utf8)) }

    @Test func findsTheFirstRepeatedKeyWithItsPath() {
        #expect(first(#"{"a":1,"b":2,"a":3}"#) == "a")
        #expect(first(#"{"a":{"x":1,"y":{"z":[]},"x":null}}"#) == "a.x")
        #expect(first(#"{"list":[{"k":1},{"k":2,"k":3}]}"#) == "list[1].k")
        #expect(first(#"[[{"q":true,"q":false}]]"#) == "[0][0].q")
        // Escaped spellings of one key are one key, as JSONDecoder sees them.
        #expect(first(#"{"a":1,"\u0061":2}"#) == "a")
        #expect(first(#"{"\ud83d\ude00":1,"😀":2}"#) == "😀")
        #expect(first(#"{"tab\t":1,"tab\u0009":2}"#) == "tab\t")
    }

    @Test func findsNothingInBodiesWithoutOne() {
        for text in [
            #"{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}"#, #"{}"#, #"[]"#, #""a""#, "12", #"{"a":"\"a\"","b":"a"}"#,
            #"{"A":1,"a":2}"#, " { \"x\" : [ 1 , 2.5e3 , -0 , true , false , null ] } ",
        ] {
            #expect(first(text) == nil, "\(text)")
        }
    }

    @Test func leavesMalformedTextToTheDecoder() {
        for text in [
            #"{"a":1,"a""#, #"{"a" 1}"#, #"{"a":1,}"#, #"{"\ud83d":1,"\ud83d":2}"#, #"{"\x":1}"#, "{\"a\u{01}\":1}", #"{"a":[1,2}"#, "",
            String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
        ] {
            #expect(first(text) == nil, "\(text)")
        }
    }
}
