import Testing

@testable import LanternCore

private func canonical(_ raw: String) throws -> String {
    try URLCanonicalizer.canonicalize(raw).string
}

// MARK: - Required examples

@Test func canonicalizesRequiredExamples() throws {
    #expect(try canonical("HTTP://Example.COM:80/a/./b/../c?x=%7euser#frag") == "http://example.com/a/c?x=~user")
    #expect(try canonical("https://bücher.example/") == "https://xn--bcher-kva.example/")
    #expect(try canonical("https://example.com:443") == "https://example.com/")
    #expect(try canonical("https://example.com:8443/%7Efoo%2f") == "https://example.com:8443/~foo%2F")
    #expect(try canonical("https://example.com/a b") == "https://example.com/a%20b")
}

@Test func exposesComponents() throws {
    let url = try URLCanonicalizer.canonicalize("HTTPS://User:Secret@Example.COM:8443/a/../b?q=1#top")
    #expect(url.string == "https://example.com:8443/b?q=1")
    #expect(url.scheme == "https")
    #expect(url.host == "example.com")
    #expect(url.port == 8443)
    #expect(url.path == "/b")
    #expect(url.query == "q=1")
    #expect(url.description == url.string)

    let plain = try URLCanonicalizer.canonicalize("http://example.com")
    #expect(plain.port == nil)
    #expect(plain.path == "/")
    #expect(plain.query == nil)
}

// MARK: - Scheme, authority, port

@Test func dropsUserinfoFragmentAndDefaultPorts() throws {
    #expect(try canonical("https://user:pass@example.com/x") == "https://example.com/x")
    #expect(try canonical("https://a@b@example.com/") == "https://example.com/")
    #expect(try canonical("https://example.com/x#a?b") == "https://example.com/x")
    #expect(try canonical("ws://example.com:80/") == "ws://example.com/")
    #expect(try canonical("wss://example.com:443/") == "wss://example.com/")
    #expect(try canonical("ftp://example.com:21/f") == "ftp://example.com/f")
    #expect(try canonical("http://example.com:443/") == "http://example.com:443/")
    #expect(try canonical("https://example.com:/") == "https://example.com/")
    #expect(try canonical("https://example.com:08443/") == "https://example.com:8443/")
    #expect(try canonical("git+ssh://example.com:22/r") == "git+ssh://example.com:22/r")
}

@Test func normalisesHosts() throws {
    #expect(try canonical("https://EXAMPLE.com./") == "https://example.com/")
    #expect(try canonical("https://例え.テスト/") == "https://xn--r8jz45g.xn--zckzah/")
    #expect(try canonical("https://ex%61mple.com/") == "https://example.com/")
    #expect(try canonical("http://192.0.2.1:8080/") == "http://192.0.2.1:8080/")
    #expect(try canonical("http://[2001:DB8::1]:80/") == "http://[2001:db8::1]/")
}

@Test func trimsSurroundingWhitespace() throws {
    #expect(try canonical("  \thttps://example.com/x \n") == "https://example.com/x")
}

// MARK: - Path and query

@Test func resolvesDotSegments() throws {
    #expect(try canonical("https://example.com/a/b/c/./../../g") == "https://example.com/a/g")
    #expect(try canonical("https://example.com/a/b/..") == "https://example.com/a/")
    #expect(try canonical("https://example.com/a/.") == "https://example.com/a/")
    #expect(try canonical("https://example.com/../../x") == "https://example.com/x")
    #expect(try canonical("https://example.com/a/%2E%2e/b") == "https://example.com/b")
    #expect(try canonical("https://example.com/a//b/") == "https://example.com/a//b/")
    #expect(try canonical("https://example.com/a/...") == "https://example.com/a/...")
}

@Test func normalisesPercentEncoding() throws {
    #expect(try canonical("https://example.com/%7e%41%2d%5F") == "https://example.com/~A-_")
    #expect(try canonical("https://example.com/%2f%3a%c3%a9") == "https://example.com/%2F%3A%C3%A9")
    #expect(try canonical("https://example.com/é") == "https://example.com/%C3%A9")
    #expect(try canonical("https://example.com/100%") == "https://example.com/100%25")
    #expect(try canonical("https://example.com/%zz%4") == "https://example.com/%25zz%254")
    #expect(try canonical("https://example.com/\"<>\\^`{|}") == "https://example.com/%22%3C%3E%5C%5E%60%7B%7C%7D")
    let subDelimiters = "https://example.com/a:b@c;d=e,f+g$h!i*j'k(l)"
    #expect(try canonical(subDelimiters) == subDelimiters)
}

@Test func keepsQueryOrderAndDropsEmptyQuery() throws {
    #expect(try canonical("https://example.com/?b=2&a=1") == "https://example.com/?b=2&a=1")
    #expect(try canonical("https://example.com?q=a b&r=ü") == "https://example.com/?q=a%20b&r=%C3%BC")
    #expect(try canonical("https://example.com/p?a=/x?y") == "https://example.com/p?a=/x?y")
    #expect(try canonical("https://example.com/p?") == "https://example.com/p")
    #expect(try canonical("https://example.com/p?#frag") == "https://example.com/p")
    #expect(try URLCanonicalizer.canonicalize("https://example.com/p?").query == nil)
}

@Test func canonicalFormIsStable() throws {
    let inputs = [
        "HTTP://Example.COM:80/a/./b/../c?x=%7euser#frag", "https://bücher.example/", "https://example.com/100%",
        "https://example.com:8443/%7Efoo%2f", "https://example.com/a b?c d", "http://[::FFFF:192.0.2.1]/é",
    ]
    for input in inputs {
        let once = try URLCanonicalizer.canonicalize(input)
        #expect(try URLCanonicalizer.canonicalize(once.string) == once)
    }
}

// MARK: - Refusals

@Test func refusesMissingScheme() {
    #expect(throws: ValueError("A URL needs a scheme at the start, such as https:// in https://example.com/path.")) {
        try canonical("example.com/path")
    }
    for raw in ["example.com:8080/path", "//example.com/x", "ht tp://example.com/", "1http://example.com/", ":"] {
        #expect(throws: ValueError.self, "\(raw)") { try canonical(raw) }
    }
}

@Test func refusesMissingHost() {
    let missingHost = ValueError("A URL needs a host, such as https://example.com/path.")
    for raw in [
        "mailto:someone@example.com", "file:///etc/passwd", "https://", "https:///path", "http:/example.com",
        "https://user@/x", "https://:443/", "urn:isbn:0451450523",
    ] {
        #expect(throws: missingHost, "\(raw)") { try canonical(raw) }
    }
}

@Test func refusesBadHosts() {
    let bad = [
        "https://localhost/", "https://exa_mple.com/", "https://a..b.com/", "https://256.0.0.1/", "https://01.2.3.4/",
        "https://example.123/", "https://[::1/", "https://[::1]x/", "https://[1::2::3]/", "https://ex%zzample.com/",
        "https://ex%ffample.com/", "https://example.com\\@evil.example/", "https://exa\u{A0}mple.com/",
        "https://" + String(repeating: "a", count: 64) + ".com/",
    ]
    for raw in bad {
        #expect(throws: ValueError.self, "\(raw)") { try canonical(raw) }
    }
}

@Test func refusesBadPorts() throws {
    for raw in [
        "https://example.com:0/", "https://example.com:65536/", "https://example.com:12a/",
        "https://example.com:-1/", "https://example.com:99999999999999999999999/",
    ] {
        #expect(throws: ValueError.self, "\(raw)") { try canonical(raw) }
    }
    #expect(try canonical("https://example.com:65535/") == "https://example.com:65535/")
}

@Test func refusesEmptyOverlongAndControlCharacters() throws {
    #expect(throws: ValueError("A URL cannot be empty.")) { try canonical("   ") }
    let long = "https://example.com/" + String(repeating: "a", count: 8200)
    #expect(throws: ValueError("A URL can be at most 8192 characters long.")) { try canonical(long) }
    let exactly = "https://example.com/" + String(repeating: "a", count: 8192 - 20)
    #expect(try canonical(exactly) == exactly)
    let control = ValueError("A URL cannot contain control characters such as tabs or line breaks.")
    let withControls = [
        "https://example.com/a\tb", "https://example.com/\u{0}", "https://exa\nmple.com/",
        "https://example.com/\u{7F}", "https://example.com/\u{85}x",
    ]
    for raw in withControls {
        #expect(throws: control, "\(raw.debugDescription)") { try canonical(raw) }
    }
}
