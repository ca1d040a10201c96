import Foundation
import Testing

@testable import LanternCore

@Suite struct CSVToJSONLinesTests {
    func convert(_ csv: String) throws -> [String] {
        let converter = CSVToJSONLines()
        var out = try converter.feed(Data(csv.utf8))
        out += try converter.finish()
        return String(decoding: out, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func oneOutputLinePerInputLine() throws {
        let lines = try convert("type,value,tags\nurl,\"https://a.example/,x\",csam|platform:discord\nemail,\"multi\nline\",csam\n")
        #expect(lines.count == 5)
        #expect(lines[0] == "")
        #expect(lines[1].contains(#""value":"https:\/\/a.example\/,x""#) || lines[1].contains(#""value":"https://a.example/,x""#))
        #expect(lines[1].contains(#""tags":["csam","platform:discord"]"#))
        #expect(lines[2].contains("multi\\nline"))
        #expect(lines[3] == "")
    }

    @Test func aQuoteInsideAnUnquotedFieldIsLiteral() throws {
        let lines = try convert("type,value,description\nurl,https://a.example/,12\" screen\nurl,https://b.example/,next row\n")
        #expect(lines[1].contains(#"12\" screen"#))
        #expect(lines[2].contains("https:"))
        #expect(lines[2].contains("next row"))
    }

    @Test func aColumnNamedTwiceFails() {
        #expect(throws: CSVToJSONLines.CSVError.self) { try convert("type,value,Value\nurl,https://a.example/,https://b.example/\n") }
    }

    @Test func anUnterminatedQuoteFails() {
        #expect(throws: CSVToJSONLines.CSVError.self) { try convert("type,value\nurl,\"never closed\n") }
    }
}
