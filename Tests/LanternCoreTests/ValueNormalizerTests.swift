import Testing

@testable import LanternCore

@Suite struct ValueNormalizerTests {
    func normalize(_ type: SignalType, _ raw: String, _ attributes: SignalAttributes = SignalAttributes()) throws -> String {
        try ValueNormalizer.normalize(type: type, raw: raw, attributes: attributes).normalized
    }

    func refusal(_ type: SignalType, _ raw: String, _ attributes: SignalAttributes = SignalAttributes()) -> ValidationError? {
        do {
            _ = try ValueNormalizer.normalize(type: type, raw: raw, attributes: attributes)
            return nil
        } catch {
            return error
        }
    }

    @Test func emailIsLowercasedAndNeedsAnAt() throws {
        #expect(try normalize(.email, "  Some.One@Example.COM ") == "some.one@example.com")
        #expect(try normalize(.email, "x@bücher.example") == "x@xn--bcher-kva.example")
        #expect(refusal(.email, "someone.example.com")?.field == "value")
        #expect(refusal(.email, "someone.example.com")?.reason.contains("'@'") == true)
        // An '@' that a combining mark or a prepended character joins to its neighbour is no '@' of the address.
        #expect(refusal(.email, "user\u{0600}@example.com")?.field == "value")
        #expect(refusal(.email, "user@\u{0301}example.com")?.field == "value")
        #expect(try normalize(.email, "zoë@bücher.example") == "zoë@xn--bcher-kva.example")
        #expect(refusal(.email, "@example.com") != nil)
        #expect(refusal(.email, "a b@example.com") != nil)
    }

    @Test func phoneIsStoredInE164() throws {
        #expect(try normalize(.phone, "+1 (415) 555-0123") == "+14155550123")
        #expect(try normalize(.phone, "0044 20 7946 0958") == "+442079460958")
        #expect(refusal(.phone, "415-555-0123")?.reason.contains("E.164") == true)
        #expect(refusal(.phone, "+0123456789") != nil)
        #expect(refusal(.phone, "+1234") != nil)
        #expect(refusal(.phone, "+1234567890123456") != nil)
        #expect(refusal(.phone, "+1415555012x") != nil)
    }

    @Test func usernameNeedsAPlatform() throws {
        #expect(try normalize(.username, "@SomeUser", SignalAttributes(platform: "Discord")) == "someuser")
        let missing = refusal(.username, "someuser")
        #expect(missing?.field == "platform")
        #expect(refusal(.username, "some user", SignalAttributes(platform: "discord"))?.field == "value")
        #expect(refusal(.username, "x", SignalAttributes(platform: "no spaces allowed"))?.field == "platform")
    }

    @Test func attributesMustBelongToTheType() {
        #expect(refusal(.email, "a@example.com", SignalAttributes(platform: "discord"))?.field == "platform")
        #expect(refusal(.url, "https://example.com", SignalAttributes(mediaKind: .image))?.field == "media_kind")
        #expect(refusal(.md5, String(repeating: "a", count: 32), SignalAttributes(mediaKind: .video, quality: 50))?.field == "quality")
    }

    @Test func paymentAccountsNormalisePerProvider() throws {
        #expect(try normalize(.paymentAccount, "$SomeOne", SignalAttributes(provider: "CashApp")) == "someone")
        #expect(try normalize(.paymentAccount, "@Some-One", SignalAttributes(provider: "venmo")) == "some-one")
        let eth = "0x" + String(repeating: "Ab", count: 20)
        #expect(try normalize(.paymentAccount, eth, SignalAttributes(provider: "ethereum")) == eth.lowercased())
        #expect(refusal(.paymentAccount, "0x123", SignalAttributes(provider: "ethereum"))?.field == "value")
        #expect(refusal(.paymentAccount, "someone")?.field == "provider")
        #expect(
            try normalize(.paymentAccount, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", SignalAttributes(provider: "bitcoin"))
                == "1BoatSLRHtKNngkdXEeobR76b53LETtpyT")
    }

    @Test func hashesAreHexOfTheRightLength() throws {
        let pdq = String(repeating: "AB", count: 32)
        #expect(try normalize(.pdq, pdq, SignalAttributes(mediaKind: .image, quality: 80)) == pdq.lowercased())
        let short = refusal(.pdq, String(pdq.dropLast()), SignalAttributes(mediaKind: .image))
        #expect(short?.field == "value")
        #expect(short?.reason.contains("64") == true)
        let nonHex = refusal(.pdq, String(repeating: "zz", count: 32), SignalAttributes(mediaKind: .image))
        #expect(nonHex?.reason.contains("hexadecimal") == true)
        #expect(try normalize(.md5, String(repeating: "0", count: 32), SignalAttributes(mediaKind: .video)).count == 32)
        #expect(refusal(.sha1, String(repeating: "0", count: 41), SignalAttributes(mediaKind: .image)) != nil)
        #expect(
            try normalize(.sha256, String(repeating: "F", count: 64), SignalAttributes(mediaKind: .document)) == String(repeating: "f", count: 64))
        #expect(refusal(.sha256, String(repeating: "0", count: 64))?.field == "media_kind")
        #expect(refusal(.pdq, pdq, SignalAttributes(mediaKind: .image, quality: 101))?.field == "quality")
    }

    @Test func photoDNAIsFixedLength() throws {
        let hex = String(repeating: "0a", count: 144)
        #expect(try normalize(.photodna, hex, SignalAttributes(mediaKind: .image)) == hex)
        let base64 = [UInt8](repeating: 10, count: 144)
        let encoded = "CgoK" + String(repeating: "CgoK", count: 47)  // 144 bytes of 0x0a
        #expect(base64.count == 144)
        #expect(try normalize(.photodna, encoded, SignalAttributes(mediaKind: .image)) == hex)
        #expect(refusal(.photodna, "abcd", SignalAttributes(mediaKind: .image)) != nil)
    }

    @Test func keywordsAreFoldedAndNeedALanguage() throws {
        #expect(try normalize(.keyword, "  Some   ＫＥＹword ", SignalAttributes(language: "EN")) == "some keyword")
        #expect(refusal(.keyword, "word")?.field == "language")
        #expect(refusal(.keyword, "word", SignalAttributes(language: "english!"))?.field == "language")
        #expect(
            try ValueNormalizer.normalize(type: .keyword, raw: "x", attributes: SignalAttributes(language: "pt-br")).attributes.language == "pt-BR")
        #expect(try LanguageTag.canonicalize("zh_hant_tw") == "zh-Hant-TW")
    }

    @Test func domainsAreHostNamesNotAddresses() throws {
        #expect(try normalize(.domain, "Sub.Example.COM.") == "sub.example.com")
        #expect(refusal(.domain, "192.168.1.1") != nil)
        #expect(refusal(.domain, "not a host") != nil)
    }

    @Test func urlsAreCanonicalAndNeedAHost() throws {
        #expect(try normalize(.url, "HTTPS://Example.com:443/a/../b#x") == "https://example.com/b")
        #expect(refusal(.url, "https:///path")?.field == "value")
        #expect(refusal(.url, "example.com/path")?.reason.contains("scheme") == true)
    }

    @Test func emptyAndHugeValuesAreRefused() {
        #expect(refusal(.email, "")?.reason == "The value is empty.")
        #expect(refusal(.keyword, String(repeating: "a", count: ValueNormalizer.maximumValueBytes + 1), SignalAttributes(language: "en")) != nil)
    }
}

/// Plain ASCII takes shortcuts through the normalisers (a full sync validates every value it receives); these pin
/// the shortcuts to what the general path does with the same input.
@Suite struct ASCIIShortcutTests {
    let discord = SignalAttributes(platform: "discord")

    func normalize(_ type: SignalType, _ raw: String, _ attributes: SignalAttributes = SignalAttributes()) -> String? {
        try? ValueNormalizer.normalize(type: type, raw: raw, attributes: attributes).normalized
    }

    @Test func hostsAreLoweredAndTheirLabelsBounded() throws {
        #expect(try Punycode.hostToASCII("MiXeD.Example.COM") == "mixed.example.com")
        #expect(try Punycode.hostToASCII("a..b.") == "a..b.")
        let longest = String(repeating: "A", count: 63)
        #expect(try Punycode.hostToASCII(longest + ".example") == longest.lowercased() + ".example")
        // The refusal names the lowered label, as the general path does.
        #expect(throws: ValueError.self) { try Punycode.hostToASCII("ok." + longest + "B.example") }
        do {
            _ = try Punycode.hostToASCII("ok." + longest + "B")
        } catch {
            #expect(error.reason.contains("\"aaaa") && error.reason.contains("too long"))
        }
        #expect(try Punycode.hostToASCII("Bücher.Example") == "xn--bcher-kva.example")
    }

    @Test func usernamesEmailsAndURLsAgreeWithTheGeneralPath() {
        #expect(normalize(.username, "@User_1", discord) == "user_1")
        #expect(normalize(.username, "ÅSA", discord) == "åsa")
        #expect(normalize(.username, "ﬁsh", discord) == "fish")  // NFKC still applies to non-ASCII names
        #expect(normalize(.username, "a\u{7F}b", discord) == nil)
        #expect(normalize(.username, "a\tb", discord) == nil)
        #expect(normalize(.username, String(repeating: "x", count: 257), discord) == nil)
        #expect(normalize(.username, String(repeating: "x", count: 256), discord) == String(repeating: "x", count: 256))
        #expect(normalize(.email, "First.Last+tag@Mail.Example") == "first.last+tag@mail.example")
        #expect(normalize(.email, "a@b@example.com") == nil)
        #expect(normalize(.email, "ünï@example.com") == "ünï@example.com")
        #expect(normalize(.url, "HTTPS://Example.COM:443/a/./b/../c?x=1#frag") == "https://example.com/a/c?x=1")
        #expect(normalize(.url, " https://example.com/ ") == "https://example.com/")
        #expect(normalize(.url, "") == nil)
        #expect(normalize(.url, "https://example.com/\u{7F}") == nil)
    }
}
