/// Puts URLs into one canonical spelling, so that equivalent spellings of the same resource
/// compare equal.
///
/// The canonical form is `scheme://host[:port]path[?query]`:
/// - the scheme and host are lowercased, and internationalised hosts become Punycode;
/// - userinfo (`user:pass@`) is dropped: it is a credential, not part of the identity of the
///   resource, and must not be stored or shared;
/// - the default port (80 for http/ws, 443 for https/wss, 21 for ftp) and the fragment are dropped;
/// - an empty path becomes `/`, and `.` and `..` segments are resolved (RFC 3986 §5.2.4);
/// - percent-encoding is normalised (RFC 3986 §6.2.2): hex digits are uppercased, escapes of
///   unreserved characters are decoded, disallowed characters are encoded as UTF-8, and a stray
///   `%` becomes `%25`;
/// - the query keeps its order and content apart from percent-encoding; an empty query is dropped.
///
/// Canonicalising a canonical URL returns it unchanged.
public enum URLCanonicalizer {
    /// A URL in canonical form, with its parts.
    public struct CanonicalURL: Sendable, Hashable, CustomStringConvertible {
        /// The whole canonical URL, such as `https://example.com:8443/a?b=c`.
        public let string: String
        /// The lowercase scheme, such as `https`.
        public let scheme: String
        /// The lowercase ASCII host: a domain name, an IPv4 address, or a bracketed IPv6 address.
        public let host: String
        /// The port, or `nil` when it is absent or the scheme's default.
        public let port: Int?
        /// The path, always starting with `/`.
        public let path: String
        /// The query without its `?`, or `nil` when there is none.
        public let query: String?

        /// The canonical URL string.
        public var description: String { string }
    }

    /// The longest input accepted, in Unicode scalars.
    public static let maximumLength = 8192

    /// Canonicalises a URL.
    ///
    /// For example `HTTP://Example.COM:80/a/./b/../c?x=%7euser#frag` becomes
    /// `http://example.com/a/c?x=~user`.
    ///
    /// - Throws: ``ValueError`` when the URL is too long, contains control characters, has no
    ///   scheme or host, or has an invalid host or port.
    public static func canonicalize(_ raw: String) throws(ValueError) -> CanonicalURL {
        // Printable ASCII (nearly every URL) needs no trimming, counting of scalars or control check.
        let plain = !raw.isEmpty && raw.utf8.count <= maximumLength && raw.utf8.allSatisfy(\.isPrintableASCII)
        let text: String
        if plain {
            text = raw
        } else {
            var scalarCount = 0
            for _ in raw.unicodeScalars {
                scalarCount += 1
                if scalarCount > maximumLength {
                    throw ValueError("A URL can be at most \(maximumLength) characters long.")
                }
            }
            text = trimmed(raw)
            guard !text.isEmpty else { throw ValueError("A URL cannot be empty.") }
            if text.unicodeScalars.contains(where: isControl) {
                throw ValueError("A URL cannot contain control characters such as tabs or line breaks.")
            }
        }
        let bytes = Array(text.utf8)

        guard let colon = bytes.firstIndex(of: ascii(":")), isScheme(bytes[..<colon]),
            !(colon + 1 < bytes.count && isDigit(bytes[colon + 1]))
        else {
            throw missingScheme(text)
        }
        let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        let authorityStart = colon + 3
        guard authorityStart <= bytes.count, bytes[colon + 1] == ascii("/"), bytes[colon + 2] == ascii("/") else {
            throw missingHost
        }

        let end = bytes[authorityStart...].firstIndex(of: ascii("#")) ?? bytes.count
        let authorityEnd = bytes[authorityStart..<end].firstIndex { $0 == ascii("/") || $0 == ascii("?") } ?? end
        let questionMark = bytes[authorityEnd..<end].firstIndex(of: ascii("?"))

        let (host, port) = try parseAuthority(bytes[authorityStart..<authorityEnd], scheme: scheme)

        let rawPath = normalizePercentEncoding(bytes[authorityEnd..<(questionMark ?? end)])
        let path = removeDotSegments(rawPath.isEmpty ? "/" : String(decoding: rawPath, as: UTF8.self))

        var query: String?
        if let questionMark, questionMark + 1 < end {
            query = String(decoding: normalizePercentEncoding(bytes[(questionMark + 1)..<end]), as: UTF8.self)
        }

        var string = scheme + "://" + host
        if let port { string += ":\(port)" }
        string += path
        if let query { string += "?" + query }
        return CanonicalURL(string: string, scheme: scheme, host: host, port: port, path: path, query: query)
    }

    // MARK: - Authority

    private static let missingHost = ValueError("A URL needs a host, such as https://example.com/path.")

    private static func missingScheme(_ text: String) -> ValueError {
        let bytes = Array(text.utf8)
        if let separator = bytes.indices.first(where: { bytes[$0...].starts(with: "://".utf8) }), separator > 0 {
            let shown = Punycode.quoted(String(decoding: bytes[..<separator], as: UTF8.self))
            return ValueError(
                "The scheme \(shown) is not valid: a scheme starts with a letter and has only letters, "
                    + "digits, '+', '-' and '.'."
            )
        }
        var suggestion = Substring(text)
        while suggestion.hasPrefix("/") { suggestion.removeFirst() }
        let startsLikeHost =
            suggestion.unicodeScalars.first.map {
                $0.properties.isAlphabetic || ("0"..."9").contains($0)
            } ?? false
        if startsLikeHost, suggestion.unicodeScalars.count <= 100,
            !suggestion.unicodeScalars.contains(where: { $0.properties.isWhitespace })
        {
            return ValueError("A URL needs a scheme at the start, such as https:// in https://\(suggestion).")
        }
        return ValueError("A URL needs a scheme at the start, such as https:// in https://example.com/path.")
    }

    private static func parseAuthority(
        _ authority: ArraySlice<UInt8>, scheme: String
    ) throws(ValueError) -> (host: String, port: Int?) {
        if authority.contains(ascii("\\")) {
            throw ValueError("A URL cannot contain a backslash before its path; use / instead.")
        }
        // Userinfo ends at the last "@"; it is dropped.
        let hostAndPort = authority.lastIndex(of: ascii("@")).map { authority[($0 + 1)...] } ?? authority
        var hostBytes = hostAndPort
        var portBytes: ArraySlice<UInt8>?
        if hostAndPort.first == ascii("[") {
            guard let close = hostAndPort.firstIndex(of: ascii("]")) else {
                throw ValueError("An IPv6 address in a URL must be closed with ']', as in http://[2001:db8::1]/.")
            }
            hostBytes = hostAndPort[...close]
            let rest = hostAndPort[(close + 1)...]
            if let first = rest.first {
                guard first == ascii(":") else {
                    throw ValueError("After the ']' of an IPv6 address a URL can only have ':' and a port.")
                }
                portBytes = rest.dropFirst()
            }
        } else if let colon = hostAndPort.firstIndex(of: ascii(":")) {
            hostBytes = hostAndPort[..<colon]
            portBytes = hostAndPort[(colon + 1)...]
        }
        guard !hostBytes.isEmpty else { throw missingHost }
        let host = try HostName.normalize(try percentDecodedHost(hostBytes))

        guard let portBytes, !portBytes.isEmpty else { return (host, nil) }
        let digits = portBytes.drop { $0 == ascii("0") }
        guard portBytes.allSatisfy(isDigit), digits.count <= 5,
            case let value = digits.reduce(0, { $0 * 10 + Int($1 - ascii("0")) }), (1...65535).contains(value)
        else {
            let shown = Punycode.quoted(String(decoding: portBytes, as: UTF8.self), limit: 20)
            throw ValueError("A port must be a number from 1 to 65535; \(shown) is not.")
        }
        return (host, value == defaultPort(for: scheme) ? nil : value)
    }

    private static func percentDecodedHost(_ bytes: ArraySlice<UInt8>) throws(ValueError) -> String {
        guard bytes.contains(ascii("%")) else { return String(decoding: bytes, as: UTF8.self) }
        var decoded: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == ascii("%") {
                guard index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]),
                    let low = hexValue(bytes[index + 2])
                else {
                    throw ValueError("The host of a URL contains a '%' that does not start a valid percent escape.")
                }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        let host = String(decoding: decoded, as: UTF8.self)
        guard host.utf8.elementsEqual(decoded), !host.unicodeScalars.contains(where: isControl) else {
            throw ValueError("The host of a URL contains percent escapes that do not decode to valid text.")
        }
        return host
    }

    private static func defaultPort(for scheme: String) -> Int? {
        switch scheme {
        case "http", "ws": return 80
        case "https", "wss": return 443
        case "ftp": return 21
        default: return nil
        }
    }

    // MARK: - Path and query

    /// Uppercases escapes, decodes escaped unreserved characters, encodes disallowed bytes.
    static func normalizePercentEncoding(_ component: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(component.count)
        var index = component.startIndex
        while index < component.endIndex {
            let byte = component[index]
            if byte == ascii("%") {
                if index + 2 < component.endIndex, let high = hexValue(component[index + 1]),
                    let low = hexValue(component[index + 2])
                {
                    let value = high << 4 | low
                    if isUnreserved(value) {
                        out.append(value)
                    } else {
                        appendEscape(value, to: &out)
                    }
                    index += 3
                } else {
                    appendEscape(ascii("%"), to: &out)
                    index += 1
                }
                continue
            }
            if mustEscape(byte) {
                appendEscape(byte, to: &out)
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    /// RFC 3986 §5.2.4 for an absolute path: resolves `.` and `..` segments.
    static func removeDotSegments(_ path: String) -> String {
        // A dot segment follows a slash: a path that starts with one and has no "/." is already without them.
        if path.utf8.first == ascii("/"), !hasSlashDot(path.utf8) { return path }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var output: [Substring] = []
        for (offset, segment) in segments.enumerated() {
            let isLast = offset == segments.count - 1
            if segment == "." || segment == ".." {
                if segment == "..", !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            } else {
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }

    private static func hasSlashDot(_ bytes: String.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if previous == ascii("/"), byte == ascii(".") { return true }
            previous = byte
        }
        return false
    }

    // MARK: - Characters

    private static func trimmed(_ raw: String) -> String {
        let scalars = raw.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func isScheme(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, isAlpha(first) else { return false }
        return bytes.allSatisfy { isAlpha($0) || isDigit($0) || $0 == ascii("+") || $0 == ascii("-") || $0 == ascii(".") }
    }

    // The byte classes below are switches, not `String.utf8.contains`: they run for every byte of every URL a
    // full sync receives.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case ascii("a")...ascii("z"), ascii("A")...ascii("Z"), ascii("0")...ascii("9"), ascii("-"), ascii("."), ascii("_"), ascii("~"):
            true
        default: false
        }
    }

    /// Bytes encoded in paths and queries: controls, space, non-ASCII, the double quote, angle
    /// brackets, backslash, caret, backtick, braces and vertical bar.
    private static func mustEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case ...0x20, 0x7F..., ascii("\""), ascii("<"), ascii(">"), ascii("\\"), ascii("^"), ascii("`"), ascii("{"), ascii("|"), ascii("}"):
            true
        default: false
        }
    }

    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? ascii("0") + nibble : ascii("A") + nibble - 10 }
        out.append(ascii("%"))
        out.append(digit(byte >> 4))
        out.append(digit(byte & 0x0F))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case ascii("0")...ascii("9"): return byte - ascii("0")
        case ascii("a")...ascii("f"): return byte - ascii("a") + 10
        case ascii("A")...ascii("F"): return byte - ascii("A") + 10
        default: return nil
        }
    }

    private static func isAlpha(_ byte: UInt8) -> Bool {
        (byte >= ascii("a") && byte <= ascii("z")) || (byte >= ascii("A") && byte <= ascii("Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= ascii("0") && byte <= ascii("9")
    }

    private static func ascii(_ scalar: Unicode.Scalar) -> UInt8 {
        UInt8(ascii: scalar)
    }
}

/// A URL in canonical form; see ``URLCanonicalizer``.
public typealias CanonicalURL = URLCanonicalizer.CanonicalURL
