import LanternWire
import Testing

@Suite struct JSONScannerTests {
    func scan<T>(_ text: [UInt8], _ read: (inout JSONScanner) -> T) -> T {
        text.withUnsafeBufferPointer { bytes in
            var scanner = JSONScanner(bytes: bytes)
            return read(&scanner)
        }
    }

    @Test func stringsAreReadInPlaceAndMustBeUTF8() {
        #expect(scan(Array(#""plain""#.utf8)) { $0.string() } == "plain")
        #expect(scan(Array(#""Zürich ☃ 🦊""#.utf8)) { $0.string() } == "Zürich ☃ 🦊")
        // A lone continuation byte, a truncated sequence and an overlong encoding are not UTF-8.
        for bad: [UInt8] in [[0x80], [0xE2, 0x98], [0xC0, 0xAF], [0x61, 0xFF, 0x62]] {
            #expect(scan([0x22] + bad + [0x22]) { $0.string() } == nil)
        }
        #expect(scan(Array(#""tab\tescaped""#.utf8)) { $0.string() } == nil)
        #expect(scan([0x22, 0x61, 0x0A, 0x22]) { $0.string() } == nil)
        #expect(scan(Array(#""unterminated"#.utf8)) { $0.string() } == nil)
    }

    @Test func utf8TextTakesASCIIAsItStandsAndValidatesTheRest() {
        #expect(UTF8Text.string(validating: Array("sig-1".utf8)[...]) == "sig-1")
        #expect(UTF8Text.string(validating: Array("münchen".utf8)[...]) == "münchen")
        #expect(UTF8Text.string(validating: [0x73, 0xC3][...]) == nil)
        #expect(UTF8Text.string(validating: [][...]) == "")
    }

    @Test func objectKeysMatchByteForByte() {
        func keys(_ text: String) -> [String]? {
            scan(Array(text.utf8)) { scanner in
                var seen: [String] = []
                let complete = scanner.object { parser, key in
                    switch key {
                    case "id": seen.append("id")
                    case "i": seen.append("i")
                    case "idx": seen.append("idx")
                    case "taxonomy_version": seen.append("taxonomy_version")
                    default: seen.append("?")
                    }
                    return parser.integer() != nil
                }
                return complete ? seen : nil
            }
        }
        #expect(keys(#"{"id":1,"i":2,"idx":3,"taxonomy_version":4,"ie":5,"":6}"#) == ["id", "i", "idx", "taxonomy_version", "?", "?"])
        #expect(keys(#"{}"#) == [])
        #expect(keys(#"{"i\u0064":1}"#) == nil)
        #expect(keys(#"{"id":1"#) == nil)
        #expect(keys(#"{"é":1}"#) == nil, "a key outside ASCII goes to the fallback decoder")
        #expect(keys(#"{"id" 1}"#) == nil)
    }
}
