/// Validation and normalisation of host names, IPv4 literals and bracketed IPv6 literals.
public enum HostName {
    /// The longest host name DNS allows, in ASCII characters, without a trailing dot.
    public static let maximumLength = 253

    /// Returns the canonical ASCII form of a host.
    ///
    /// - Domain names are lowercased, converted to Punycode (`bücher.example` becomes
    ///   `xn--bcher-kva.example`) and lose one trailing dot. They need at least two labels,
    ///   each 1–63 characters of `a-z`, `0-9` and `-`, not starting or ending with `-`; at
    ///   most 253 characters in all; and a top-level label that is not all digits.
    /// - IPv4 literals must be four decimal numbers 0–255 without leading zeros.
    /// - IPv6 literals must be in brackets (`[2001:db8::1]`) and are lowercased, not compressed.
    ///
    /// - Throws: ``ValueError`` explaining why the host is not acceptable.
    public static func normalize(_ raw: String) throws(ValueError) -> String {
        guard !raw.isEmpty else { throw ValueError("A host name cannot be empty.") }
        if raw.hasPrefix("[") { return try normalizeIPv6Literal(raw) }
        // A byte search first (no colon: nearly always), then the search by characters the refusal is about.
        if raw.utf8.contains(UInt8(ascii: ":")), raw.contains(":") {
            if isValidIPv6(raw) {
                throw ValueError("An IPv6 address must be written in square brackets, such as [2001:db8::1].")
            }
            throw ValueError("A host name cannot contain a colon; \(Punycode.quoted(raw)) does.")
        }
        // The ASCII form is never shorter than the number of code points, so this bounds the work. A code point
        // has at least one byte, so a short text needs no count of them.
        guard raw.utf8.count <= maximumLength + 1 || raw.unicodeScalars.count <= maximumLength + 1 else { throw tooLong() }

        var host = try Punycode.hostToASCII(raw)
        if host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty else { throw ValueError("A host name cannot be just a dot.") }

        if host.utf8.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }) {
            guard isCanonicalIPv4(host) else {
                throw ValueError(
                    "\(Punycode.quoted(host)) looks like an IPv4 address but is not one: it needs four "
                        + "numbers from 0 to 255 separated by dots, written without leading zeros."
                )
            }
            return host
        }
        try validateDomain(host)
        return host
    }

    /// Whether `host` normalises to a domain name (not an IP literal).
    ///
    /// This does not consult the Public Suffix List, so `co.uk` counts as a domain here.
    public static func isRegistrableDomain(_ host: String) -> Bool {
        guard let normalized = try? normalize(host) else { return false }
        return !isIPLiteral(normalized)
    }

    /// Whether `host` is `domain` itself or a subdomain of it, comparing normalised forms.
    ///
    /// `isSameOrSubdomain("a.b.example.com", of: "example.com")` is true;
    /// `isSameOrSubdomain("notexample.com", of: "example.com")` is false. IP literals only match
    /// themselves. Hosts that do not normalise never match.
    public static func isSameOrSubdomain(_ host: String, of domain: String) -> Bool {
        guard let host = try? normalize(host), let domain = try? normalize(domain) else { return false }
        if host == domain { return true }
        if isIPLiteral(host) || isIPLiteral(domain) { return false }
        return host.hasSuffix("." + domain)
    }

    // MARK: - Domain names

    private static func validateDomain(_ host: String) throws(ValueError) {
        let length = host.utf8.count
        guard length <= maximumLength else { throw tooLong(length) }
        // One pass over the bytes accepts a good name; the checks below find what is wrong with another one.
        if isWellFormedDomain(host.utf8) { return }
        try checkLabels(host)
    }

    /// Finds what is wrong with a domain name, label by label.
    static func checkLabels(_ host: String) throws(ValueError) {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else {
            throw ValueError(
                "A host name needs at least two parts separated by a dot, such as example.com; "
                    + "\(Punycode.quoted(host)) has one."
            )
        }
        for label in labels {
            guard !label.isEmpty else {
                throw ValueError("A host name cannot have an empty part, as with two dots in a row or a leading dot.")
            }
            guard label.utf8.count <= 63 else {
                throw ValueError(
                    "The host name part \(Punycode.quoted(label)) is too long: each part can be at most "
                        + "63 characters."
                )
            }
            guard label.utf8.allSatisfy({ isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }) else {
                throw ValueError(
                    "The host name part \(Punycode.quoted(label)) may contain only letters, digits and hyphens."
                )
            }
            guard label.first != "-", label.last != "-" else {
                throw ValueError("The host name part \(Punycode.quoted(label)) cannot start or end with a hyphen.")
            }
        }
        if let tld = labels.last, tld.utf8.allSatisfy(isDigit) {
            throw ValueError(
                "The last part of a host name cannot be all digits; \(Punycode.quoted(host)) is neither "
                    + "a domain name nor an IPv4 address."
            )
        }
    }

    /// The rules `validateDomain` checks label by label, in one pass: at least two labels, each 1 to 63 of `a-z`,
    /// `0-9` and `-`, not starting or ending with `-`, the last not all digits.
    static func isWellFormedDomain(_ bytes: String.UTF8View) -> Bool {
        var labels = 0
        var labelLength = 0
        var previous = UInt8(ascii: ".")
        var allDigits = true
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard labelLength > 0, previous != UInt8(ascii: "-") else { return false }
                labels += 1
                labelLength = 0
                allDigits = true
            } else {
                guard isLowerAlphanumeric(byte) || (byte == UInt8(ascii: "-") && labelLength > 0) else { return false }
                labelLength += 1
                guard labelLength <= 63 else { return false }
                allDigits = allDigits && isDigit(byte)
            }
            previous = byte
        }
        return labels >= 1 && labelLength > 0 && previous != UInt8(ascii: "-") && !allDigits
    }

    private static func tooLong(_ length: Int? = nil) -> ValueError {
        let detail = length.map { "; this one has \($0)" } ?? ""
        return ValueError("A host name can be at most \(maximumLength) characters long\(detail).")
    }

    // MARK: - IP literals

    static func isIPLiteral(_ normalized: String) -> Bool {
        normalized.hasPrefix("[") || isCanonicalIPv4(normalized)
    }

    /// Four dot-separated decimal numbers 0–255, each `0` or without a leading zero.
    static func isCanonicalIPv4(_ text: some StringProtocol) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(isDigit) else { return false }
            if part.count > 1 && part.first == UInt8(ascii: "0") { return false }
            let value = part.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            guard value <= 255 else { return false }
        }
        return true
    }

    private static func normalizeIPv6Literal(_ raw: String) throws(ValueError) -> String {
        guard raw.hasSuffix("]"), raw.utf8.count >= 2 else {
            throw ValueError("An IPv6 address in a host must be closed with ']', as in [2001:db8::1].")
        }
        let inner = String(raw.dropFirst().dropLast()).lowercased()
        guard isValidIPv6(inner) else {
            throw ValueError(
                "\(Punycode.quoted(raw)) is not a valid IPv6 address: it should be groups of up to four "
                    + "hexadecimal digits separated by colons, as in [2001:db8::1]."
            )
        }
        return "[" + inner + "]"
    }

    /// Structural IPv6 check: hex groups, at most one `::`, an optional trailing IPv4 part.
    /// Zone identifiers (`%eth0`) are not accepted.
    static func isValidIPv6(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes.count <= 45 else { return false }
        let colon = UInt8(ascii: ":")
        var compressionAt: Int?
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == colon && bytes[index + 1] == colon {
                guard compressionAt == nil else { return false }
                compressionAt = index
                index += 2
            } else {
                index += 1
            }
        }
        let head: ArraySlice<UInt8>
        let tail: ArraySlice<UInt8>
        if let at = compressionAt {
            head = bytes[..<at]
            tail = bytes[(at + 2)...]
        } else {
            head = bytes[...]
            tail = []
        }
        let headGroups = head.isEmpty ? [] : head.split(separator: colon, omittingEmptySubsequences: false)
        let tailGroups = tail.isEmpty ? [] : tail.split(separator: colon, omittingEmptySubsequences: false)
        let groups = headGroups + tailGroups
        let lastCanBeIPv4 = compressionAt == nil || !tailGroups.isEmpty
        var count = 0
        for (position, group) in groups.enumerated() {
            if group.contains(UInt8(ascii: ".")) {
                guard position == groups.count - 1, lastCanBeIPv4,
                    isCanonicalIPv4(String(decoding: group, as: UTF8.self))
                else { return false }
                count += 2
            } else {
                guard (1...4).contains(group.count), group.allSatisfy(isHexDigit) else { return false }
                count += 1
            }
        }
        return compressionAt == nil ? count == 8 : count <= 7
    }

    // MARK: - Bytes

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }
}
