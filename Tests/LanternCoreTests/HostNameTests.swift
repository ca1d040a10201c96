import Testing

@testable import LanternCore

// MARK: - Punycode (RFC 3492)

/// Builds a string from code points, as the RFC 3492 section 7.1 samples are written.
private func scalars(_ values: [UInt32]) -> String {
    String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init)))
}

@Test func punycodeEncodesRFC3492SampleStrings() {
    let samples: [(input: [UInt32], output: String)] = [
        // (A) Arabic (Egyptian)
        (
            [
                0x0644, 0x064A, 0x0647, 0x0645, 0x0627, 0x0628, 0x062A, 0x0643, 0x0644, 0x0645, 0x0648, 0x0634,
                0x0639, 0x0631, 0x0628, 0x064A, 0x061F,
            ], "egbpdaj6bu4bxfgehfvwxn"
        ),
        // (B) Chinese (simplified)
        ([0x4ED6, 0x4EEC, 0x4E3A, 0x4EC0, 0x4E48, 0x4E0D, 0x8BF4, 0x4E2D, 0x6587], "ihqwcrb4cv8a8dqg056pqjye"),
        // (C) Chinese (traditional)
        ([0x4ED6, 0x5011, 0x7232, 0x4EC0, 0x9EBD, 0x4E0D, 0x8AAA, 0x4E2D, 0x6587], "ihqwctvzc91f659drss3x8bo0yb"),
        // (D) Czech, with uppercase basic code points kept as they are
        (
            [
                0x50, 0x72, 0x6F, 0x10D, 0x70, 0x72, 0x6F, 0x73, 0x74, 0x11B, 0x6E, 0x65, 0x6D, 0x6C, 0x75, 0x76,
                0xED, 0x10D, 0x65, 0x73, 0x6B, 0x79,
            ], "Proprostnemluvesky-uyb24dma41a"
        ),
        // (E) Hebrew
        (
            [
                0x5DC, 0x5DE, 0x5D4, 0x5D4, 0x5DD, 0x5E4, 0x5E9, 0x5D5, 0x5D8, 0x5DC, 0x5D0, 0x5DE, 0x5D3, 0x5D1,
                0x5E8, 0x5D9, 0x5DD, 0x5E2, 0x5D1, 0x5E8, 0x5D9, 0x5EA,
            ], "4dbcagdahymbxekheh6e0a7fei0b"
        ),
        // (G) Japanese (kanji and hiragana)
        (
            [
                0x306A, 0x305C, 0x307F, 0x3093, 0x306A, 0x65E5, 0x672C, 0x8A9E, 0x3092, 0x8A71, 0x3057, 0x3066,
                0x304F, 0x308C, 0x306A, 0x3044, 0x306E, 0x304B,
            ], "n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa"
        ),
        // (L) 3<nen>B<gumi><kinpachi><sensei>
        ([0x33, 0x5E74, 0x42, 0x7D44, 0x91D1, 0x516B, 0x5148, 0x751F], "3B-ww4c5e180e575a65lsy2b"),
        // (O) <hitotsu><yane><no><shita>2
        ([0x3072, 0x3068, 0x3064, 0x5C4B, 0x6839, 0x306E, 0x4E0B, 0x32], "2-u9tlzr9756bt3uc0v"),
        // (P) Maji<de>Koi<suru>5<byou><mae>
        (
            [0x4D, 0x61, 0x6A, 0x69, 0x3067, 0x4B, 0x6F, 0x69, 0x3059, 0x308B, 0x35, 0x79D2, 0x524D],
            "MajiKoi5-783gue6qz075azm5e"
        ),
        // (Q) <pafii>de<runba>
        ([0x30D1, 0x30D5, 0x30A3, 0x30FC, 0x64, 0x65, 0x30EB, 0x30F3, 0x30D0], "de-jg4avhby1noc0d"),
        // (R) <sono><supiido><de>
        ([0x305D, 0x306E, 0x30B9, 0x30D4, 0x30FC, 0x30C9, 0x3067], "d9juau41awczczp"),
    ]
    for sample in samples {
        #expect(Punycode.encode(scalars(sample.input)) == sample.output)
    }
    // (S) only basic code points: copied, then the delimiter.
    #expect(Punycode.encode("-> $1.00 <-") == "-> $1.00 <--")
}

@Test func punycodeEncodesCommonLabels() {
    #expect(Punycode.encode("bücher") == "bcher-kva")
    #expect(Punycode.encode("münchen") == "mnchen-3ya")
    #expect(Punycode.encode("例え") == "r8jz45g")
    #expect(Punycode.encode("テスト") == "zckzah")
    #expect(Punycode.encode("ü") == "tda")
    #expect(Punycode.encode("españa") == "espaa-rta")
    #expect(Punycode.encode("") == "")
}

@Test func hostToASCIILowercasesAndEncodesLabels() throws {
    #expect(try Punycode.hostToASCII("Bücher.Example") == "xn--bcher-kva.example")
    #expect(try Punycode.hostToASCII("MÜNCHEN.de") == "xn--mnchen-3ya.de")
    #expect(try Punycode.hostToASCII("例え.テスト") == "xn--r8jz45g.xn--zckzah")
    #expect(try Punycode.hostToASCII("Example.COM") == "example.com")
    // Decomposed u + combining diaeresis is NFC-normalised first.
    #expect(try Punycode.hostToASCII("bu\u{308}cher.example") == "xn--bcher-kva.example")
    // Ideographic full stop separates labels; fullwidth ASCII folds to ASCII.
    #expect(try Punycode.hostToASCII("例え。テスト") == "xn--r8jz45g.xn--zckzah")
    #expect(try Punycode.hostToASCII("ＥＸＡＭＰＬＥ．com") == "example.com")
}

@Test func hostToASCIIRefusesBadLabels() {
    #expect(throws: ValueError.self) { try Punycode.hostToASCII("exa\u{A0}mple.com") }
    #expect(throws: ValueError.self) { try Punycode.hostToASCII("a\u{200B}b.com") }
    #expect(throws: ValueError.self) { try Punycode.hostToASCII(String(repeating: "ü", count: 60) + ".com") }
    #expect(throws: ValueError.self) { try Punycode.hostToASCII(String(repeating: "a", count: 64) + ".com") }
}

// MARK: - HostName.normalize

@Test func normalizeLowercasesConvertsAndStripsTrailingDot() throws {
    #expect(try HostName.normalize("Example.COM") == "example.com")
    #expect(try HostName.normalize("example.com.") == "example.com")
    #expect(try HostName.normalize("bücher.example") == "xn--bcher-kva.example")
    #expect(try HostName.normalize("XN--BCHER-KVA.example") == "xn--bcher-kva.example")
    #expect(try HostName.normalize("a-b.c0.example") == "a-b.c0.example")
    #expect(try HostName.normalize("123.example") == "123.example")
}

@Test func normalizeAcceptsLengthLimits() throws {
    let label63 = String(repeating: "a", count: 63)
    #expect(try HostName.normalize(label63 + ".com") == label63 + ".com")
    // 4 × 63 + 1 label and dots = 253 characters.
    let longest = [label63, label63, label63, String(repeating: "b", count: 61)].joined(separator: ".")
    #expect(longest.count == 253)
    #expect(try HostName.normalize(longest) == longest)
    #expect(try HostName.normalize(longest + ".") == longest)
    #expect(throws: ValueError.self) { try HostName.normalize(longest + "b") }
}

@Test func normalizeRefusesMalformedDomains() {
    let bad = [
        "", ".", "localhost", "example..com", ".example.com", "example.com..", "-example.com", "example-.com",
        "exa_mple.com", "exa mple.com", "example.123", "a.b.1", String(repeating: "a", count: 64) + ".com",
        "ex!ample.com", "example.com/", "user@example.com", "example.com:80",
    ]
    for host in bad {
        #expect(throws: ValueError.self, "\(host)") { try HostName.normalize(host) }
    }
}

@Test func normalizeRefusalsExplainThemselves() {
    let oneLabel = ValueError(
        "A host name needs at least two parts separated by a dot, such as example.com; \"localhost\" has one."
    )
    #expect(throws: oneLabel) { try HostName.normalize("localhost") }
    #expect(throws: ValueError("The host name part \"-a\" cannot start or end with a hyphen.")) {
        try HostName.normalize("-a.example")
    }
}

@Test func normalizeHandlesIPv4Literals() throws {
    #expect(try HostName.normalize("192.168.0.1") == "192.168.0.1")
    #expect(try HostName.normalize("0.0.0.0") == "0.0.0.0")
    #expect(try HostName.normalize("255.255.255.255.") == "255.255.255.255")
    for host in ["256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.0004"] {
        #expect(throws: ValueError.self, "\(host)") { try HostName.normalize(host) }
    }
}

@Test func normalizeHandlesIPv6Literals() throws {
    #expect(try HostName.normalize("[2001:DB8::1]") == "[2001:db8::1]")
    #expect(try HostName.normalize("[::1]") == "[::1]")
    #expect(try HostName.normalize("[::]") == "[::]")
    #expect(try HostName.normalize("[::FFFF:192.0.2.1]") == "[::ffff:192.0.2.1]")
    #expect(try HostName.normalize("[1:2:3:4:5:6:7:8]") == "[1:2:3:4:5:6:7:8]")
    let bad = [
        "[]", "[::1", "[1:2:3:4:5:6:7:8:9]", "[1::2::3]", "[12345::]", "[g::1]", "[::1%eth0]",
        "[1.2.3.4::]", "[1:2:3:4:5:6:7]", "::1",
    ]
    for host in bad {
        #expect(throws: ValueError.self, "\(host)") { try HostName.normalize(host) }
    }
}

// MARK: - Predicates

@Test func registrableDomainExcludesIPLiteralsAndInvalidHosts() {
    #expect(HostName.isRegistrableDomain("Example.COM"))
    #expect(HostName.isRegistrableDomain("bücher.example"))
    #expect(!HostName.isRegistrableDomain("192.0.2.1"))
    #expect(!HostName.isRegistrableDomain("[2001:db8::1]"))
    #expect(!HostName.isRegistrableDomain("localhost"))
    #expect(!HostName.isRegistrableDomain(""))
}

@Test func sameOrSubdomainComparesNormalisedLabels() {
    #expect(HostName.isSameOrSubdomain("example.com", of: "example.com"))
    #expect(HostName.isSameOrSubdomain("a.b.Example.COM.", of: "example.com"))
    #expect(HostName.isSameOrSubdomain("www.bücher.example", of: "xn--bcher-kva.example"))
    #expect(!HostName.isSameOrSubdomain("notexample.com", of: "example.com"))
    #expect(!HostName.isSameOrSubdomain("example.com", of: "www.example.com"))
    #expect(HostName.isSameOrSubdomain("192.0.2.1", of: "192.0.2.1"))
    #expect(!HostName.isSameOrSubdomain("1.2.3.4", of: "3.4"))
    #expect(!HostName.isSameOrSubdomain("localhost", of: "localhost"))
}

/// The one-pass check accepts exactly the names the label-by-label check does.
@Test func oneBytePassAgreesWithTheLabelChecks() {
    let label63 = String(repeating: "a", count: 63)
    var hosts = [
        "example.com", "a.b", "a-b.c-d", "x1.y2", "1.a", "a.1", "1.2", "a.b-", "a.-b", "-a.b", "a-.b", "a..b", ".a.b", "a.b.", "a",
        "", ".", "a_b.com", "A.com", "xn--bcher-kva.example", label63 + ".com", label63 + "a.com", "com." + label63,
        "com." + label63 + "a", "a.b.c.d.e", "a.b.1x", "a.b.x1", "a.0", "ab--cd.ef",
    ]
    hosts += (UInt8(0x20)...UInt8(0x7E)).map { "a" + String(UnicodeScalar($0)) + "b.com" }
    for host in hosts {
        let labelByLabel = (try? HostName.checkLabels(host)) != nil
        #expect(HostName.isWellFormedDomain(host.utf8) == labelByLabel, "\(host.debugDescription)")
    }
}
