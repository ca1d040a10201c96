import LanternCore
import LanternTesting
import Testing

@testable import LanternMatch

/// Each kind of signal matches what it should, after the same normalisation as on upload, and nothing else.
@Suite struct SignalMatcherTests {
    var matcher = SignalMatcher()
    var counter: UInt64 = 0

    mutating func add(_ type: String, _ value: String, _ change: (inout SignalDraft) -> Void = { _ in }) throws -> SignalID {
        counter += 1
        var draft = Fixtures.urlDraft()
        draft.type = type
        draft.value = value
        change(&draft)
        let signal = try Fixtures.validator().validateNew(draft, id: Fixtures.signalID(counter), author: Fixtures.alpha.id, now: Fixtures.now)
        matcher.insert(signal)
        return signal.id
    }

    func found(_ kind: MatchItem.Kind, _ value: String, _ change: (inout MatchItem) -> Void = { _ in }) throws -> [ValueMatch] {
        var item = MatchItem(kind: kind, value: value)
        change(&item)
        return try matcher.matches(item)
    }

    @Test mutating func urlsMatchExactlyUnderAPrefixAndByDomain() throws {
        let page = try add("url", "HTTPS://Bad.Example/a/b?x=1#frag")
        let folder = try add("url", "https://files.example/share/") { $0.pathPrefix = true }
        let file = try add("url", "https://files.example/doc") { $0.pathPrefix = true }
        let domain = try add("domain", "Evil.Example")
        #expect(try found(.value(.url), "https://bad.example/a/b?x=1") == [ValueMatch(signal: page, reason: .exact)])
        #expect(try found(.value(.url), "https://bad.example/a/b").isEmpty)
        #expect(try found(.value(.url), "https://files.example/share/x/y.jpg") == [ValueMatch(signal: folder, reason: .pathPrefix("/share/"))])
        #expect(try found(.value(.url), "https://files.example/doc?page=2") == [ValueMatch(signal: file, reason: .pathPrefix("/doc"))])
        #expect(try found(.value(.url), "https://files.example/doc/2").map(\.signal) == [file])
        #expect(try found(.value(.url), "https://files.example/document").isEmpty)
        #expect(try found(.value(.url), "http://files.example/share/x").isEmpty, "another scheme")
        #expect(try found(.value(.url), "https://cdn.evil.example/x") == [ValueMatch(signal: domain, reason: .domain("evil.example"))])
        #expect(try found(.value(.url), "https://notevil.example/").isEmpty)
        #expect(try found(.value(.domain), "a.b.EVIL.example").map(\.signal) == [domain])
        #expect(throws: ValidationError.self) { try found(.value(.url), "not a url") }
        matcher.remove(domain)
        #expect(try found(.value(.url), "https://cdn.evil.example/x").isEmpty)
    }

    @Test mutating func hashesAndAccountsMatchAfterNormalisation() throws {
        let md5 = try add("md5", "D41D8CD98F00B204E9800998ECF8427E") { $0.mediaKind = "video" }
        let email = try add("email", "Someone@Example.COM")
        let user = try add("username", "@Predator") { $0.platform = "Discord" }
        let phone = try add("phone", "+1 (415) 555-0123")
        let cash = try add("payment_account", "$Handle") { $0.provider = "cashapp" }
        #expect(try found(.value(.md5), "d41d8cd98f00b204e9800998ecf8427e").map(\.signal) == [md5])
        #expect(try found(.value(.md5), "d41d8cd98f00b204e9800998ecf8427e") { $0.attributes.mediaKind = .image }.isEmpty)
        #expect(try found(.value(.sha256), String(repeating: "d4", count: 32)).isEmpty)
        #expect(try found(.value(.email), "SOMEONE@example.com").map(\.signal) == [email])
        #expect(try found(.value(.username), "predator") { $0.attributes.platform = "discord" }.map(\.signal) == [user])
        #expect(try found(.value(.username), "predator").map(\.signal) == [user], "any platform")
        #expect(try found(.value(.username), "predator") { $0.attributes.platform = "roblox" }.isEmpty)
        #expect(try found(.value(.phone), "0014155550123").map(\.signal) == [phone])
        #expect(try found(.value(.paymentAccount), "handle") { $0.attributes.provider = "cashapp" }.map(\.signal) == [cash])
        // Qualifiers are normalised like the signal's; a handle without its provider is tried in each provider's form.
        #expect(try found(.value(.username), "predator") { $0.attributes.platform = " Discord " }.map(\.signal) == [user])
        #expect(try found(.value(.paymentAccount), "$HANDLE").map(\.signal) == [cash])
        #expect(throws: ValidationError.self) { try found(.value(.md5), "xyz") }
        matcher.remove(email)
        #expect(try found(.value(.email), "someone@example.com").isEmpty)
    }

    @Test mutating func pdqMatchesWithinTheThresholdAndRefusesPoorQueries() throws {
        let hex = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"
        let signal = try add("pdq", hex) { $0.mediaKind = "image" }
        // 8 bits away.
        let near = "07f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"
        #expect(try found(.value(.pdq), near) == [ValueMatch(signal: signal, reason: .pdq(distance: 8))])
        #expect(try found(.value(.pdq), near) { $0.threshold = 7 }.isEmpty)
        let poor = try? found(.value(.pdq), near) { $0.attributes.quality = 49 }
        #expect(poor == nil)
        var item = MatchItem(kind: .value(.pdq), value: near)
        item.attributes.quality = 10
        #expect(throws: ValidationError.self) { try matcher.matches(item) }
        do { _ = try matcher.matches(item) } catch { #expect(error.field == "quality" && error.reason.contains("below 50")) }
        #expect(throws: ValidationError.self) { try found(.value(.pdq), near) { $0.threshold = 300 } }
        #expect(throws: ValidationError.self) { try found(.value(.pdq), "abc") }
    }

    @Test mutating func keywordsAreFoundAsWordsInTheirLanguageWithPositions() throws {
        let english = try add("keyword", "Send Pics") { $0.language = "en" }
        let portuguese = try add("keyword", "manda foto") { $0.language = "pt-BR" }
        let japanese = try add("keyword", "写真") { $0.language = "ja" }
        matcher.prepare()
        let text = "ok so  SEND\tpics now, or manda foto! 写真を送って"
        let all = try found(.text, text)
        #expect(all.map(\.signal) == [english, portuguese, japanese])
        #expect(all[0].reason == .keyword(start: 7, end: 16))
        #expect(all[2].reason == .keyword(start: 37, end: 39), "no word boundary needed in Japanese")
        #expect(try found(.text, text) { $0.attributes.language = "pt" }.map(\.signal) == [portuguese])
        #expect(try found(.text, "sendpics or send picsx").isEmpty, "whole words only")
        // Compatibility forms and case fold like the keyword: fullwidth letters.
        #expect(try found(.text, "ＳＥＮＤ ＰＩＣＳ").map(\.signal) == [english])
        // Plain ASCII takes a faster path: the offsets are the same as when the text holds other characters too.
        let ascii = "ok\r\nsend\tpics"
        let asciiFound = try found(.text, ascii)
        #expect(asciiFound == [ValueMatch(signal: english, reason: .keyword(start: 3, end: 12))])
        #expect(try found(.text, ascii + " é") == asciiFound)
        matcher.remove(english)
        #expect(try found(.text, text).map(\.signal) == [portuguese, japanese], "a stale automaton never matches a removed keyword")
        #expect(throws: ValidationError.self) { try found(.value(.keyword), "send pics") }
    }
}

/// The automaton against a naive search, on random keywords and texts over a tiny alphabet (so overlaps, shared
/// prefixes and suffixes abound).
@Suite struct KeywordAutomatonTests {
    @Test func theAutomatonFindsWhatANaiveSearchFinds() {
        var generator = SeededGenerator(state: 9)
        func word(_ length: Int) -> String { String((0..<length).map { _ in generator.next() % 2 == 0 ? "a" : "b" }) }
        for _ in 0..<40 {
            var index = KeywordIndex()
            var keywords: [SignalID: String] = [:]
            for number in 0..<Int(1 + generator.next() % 12) {
                let text = (0..<Int(1 + generator.next() % 2)).map { _ in word(Int(1 + generator.next() % 3)) }.joined(separator: " ")
                let id = Fixtures.signalID(UInt64(number + 1))
                keywords[id] = text
                index.insert(id, value: text, language: "en")
            }
            index.prepare()
            let text = (0..<30).map { _ in word(Int(1 + generator.next() % 3)) }.joined(separator: " ")
            let characters = Array(text)
            var expected = Set<ValueMatch>()
            for (id, keyword) in keywords {
                let needle = Array(keyword)
                guard needle.count <= characters.count else { continue }
                for start in 0...(characters.count - needle.count) where Array(characters[start..<start + needle.count]) == needle {
                    let end = start + needle.count
                    guard start == 0 || characters[start - 1] == " ", end == characters.count || characters[end] == " " else { continue }
                    expected.insert(ValueMatch(signal: id, reason: .keyword(start: start, end: end)))
                }
            }
            #expect(Set(index.matches(in: text)) == expected, "\(keywords) in \(text)")
        }
    }
}
