/// Punycode (RFC 3492) and the conversion of an internationalised host name to its ASCII form.
///
/// This is deliberately smaller than full IDNA2008 / UTS #46 processing: host names are
/// NFC-normalised, fullwidth ASCII forms (U+FF01–U+FF5E) are folded to ASCII, labels are
/// lowercased with Unicode case mapping, and non-ASCII labels become `xn--` + Punycode.
/// There are no IDNA mapping or bidi tables.
public enum Punycode {
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialN = 128
    /// RFC 3492 implementations detect overflow against the integer size; we use 32-bit signed.
    private static let maxValue = Int(Int32.max)
    /// The longest label DNS allows, in ASCII characters.
    private static let maxLabelLength = 63

    /// Encodes one label with the Punycode algorithm of RFC 3492, without the `xn--` prefix.
    ///
    /// Basic (ASCII) code points are copied unchanged, keeping their case, so
    /// `encode("bücher") == "bcher-kva"`. A label that is entirely ASCII comes back with a
    /// trailing delimiter (`"abc-"`), as the RFC specifies.
    ///
    /// - Returns: The encoded label, or `nil` if the encoding would overflow.
    public static func encode(_ label: String) -> String? {
        let input = label.unicodeScalars.map { Int($0.value) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count + 8)
        for codePoint in input where codePoint < 0x80 {
            output.append(UInt8(truncatingIfNeeded: codePoint))
        }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 {
            output.append(UInt8(ascii: "-"))
        }
        var n = initialN
        var delta = 0
        var bias = initialBias
        while handled < input.count {
            var next = Int.max
            for codePoint in input where codePoint >= n && codePoint < next {
                next = codePoint
            }
            guard next != Int.max else { return nil }
            let step = next - n
            guard step <= (maxValue - delta) / (handled + 1) else { return nil }
            delta += step * (handled + 1)
            n = next
            for codePoint in input {
                if codePoint < n {
                    delta += 1
                    guard delta <= maxValue else { return nil }
                }
                if codePoint == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta: delta, numPoints: handled + 1, firstTime: handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Converts a host name to its ASCII form, label by label.
    ///
    /// The host is NFC-normalised and split on dots (`.`, and the ideographic and fullwidth
    /// full stops U+3002, U+FF0E, U+FF61). Each label is lowercased; ASCII labels are kept as
    /// they are, other labels become `xn--` followed by their Punycode encoding. Empty labels
    /// are kept, so structural checks are left to ``HostName/normalize(_:)``.
    ///
    /// - Throws: ``ValueError`` when a label holds a control, separator, format (other than
    ///   ZWJ/ZWNJ), private-use or unassigned character, or would exceed 63 ASCII characters.
    public static func hostToASCII(_ host: String) throws(ValueError) -> String {
        if host.utf8.allSatisfy({ $0 < 0x80 }) { return try asciiHostToASCII(host) }
        var labels: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in nfc(host).unicodeScalars {
            if isDot(scalar) {
                labels.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(foldFullwidth(scalar))
            }
        }
        labels.append(String(current))

        var result: [String] = []
        result.reserveCapacity(labels.count)
        for label in labels {
            let lowered = nfc(label.lowercased())
            if lowered.utf8.allSatisfy({ $0 < 0x80 }) {
                guard lowered.utf8.count <= maxLabelLength else { throw labelTooLong(lowered) }
                result.append(lowered)
                continue
            }
            // Every code point yields at least one output character, so this bounds the work.
            guard lowered.unicodeScalars.count <= maxLabelLength - 4 else { throw labelTooLong(lowered) }
            for scalar in lowered.unicodeScalars where !isAllowedInLabel(scalar) {
                throw ValueError(
                    "The host name part \(quoted(lowered)) contains the character \(codePoint(scalar)), "
                        + "which cannot appear in a host name."
                )
            }
            guard let encoded = encode(lowered), encoded.utf8.count + 4 <= maxLabelLength else {
                throw labelTooLong(lowered)
            }
            result.append("xn--" + encoded)
        }
        return result.joined(separator: ".")
    }

    /// `hostToASCII` for a host that is ASCII already, where normalisation and folding change nothing: lowercased,
    /// each label at most 63 bytes. Every received URL and email address passes here.
    private static func asciiHostToASCII(_ host: String) throws(ValueError) -> String {
        var bytes = Array(host.utf8)
        var labelStart = 0
        for index in 0...bytes.count {
            if index == bytes.count || bytes[index] == UInt8(ascii: ".") {
                guard index - labelStart <= maxLabelLength else {
                    throw labelTooLong(String(decoding: bytes[labelStart..<index], as: UTF8.self))
                }
                labelStart = index + 1
            } else if bytes[index] >= UInt8(ascii: "A"), bytes[index] <= UInt8(ascii: "Z") {
                bytes[index] += 0x20
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Helpers

    private static func adapt(delta: Int, numPoints: Int, firstTime: Bool) -> Int {
        var delta = firstTime ? delta / damp : delta / 2
        delta += delta / numPoints
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    /// Maps 0...25 to `a`...`z` and 26...35 to `0`...`9`.
    private static func digit(_ value: Int) -> UInt8 {
        value < 26 ? UInt8(truncatingIfNeeded: 97 + value) : UInt8(truncatingIfNeeded: 22 + value)
    }

    /// Canonical composition (NFC) using the standard library's own normaliser.
    static func nfc(_ string: String) -> String {
        if string.utf8.allSatisfy({ $0 < 0x80 }) { return string }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count)
        string._withNFCCodeUnits { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isDot(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E, 0x3002, 0xFF0E, 0xFF61: return true
        default: return false
        }
    }

    /// Folds fullwidth ASCII forms (U+FF01–U+FF5E) to ASCII, as UTS #46 does.
    private static func foldFullwidth(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard (0xFF01...0xFF5E).contains(scalar.value) else { return scalar }
        return Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
    }

    private static func isAllowedInLabel(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value == 0x200C || scalar.value == 0x200D { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned,
            .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return false
        default:
            return true
        }
    }

    private static func labelTooLong(_ label: String) -> ValueError {
        ValueError(
            "The host name part \(quoted(label)) is too long: each part can be at most 63 characters "
                + "once converted to ASCII."
        )
    }

    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Quotes a value for an error message, shortening it when it is long.
    static func quoted(_ value: some StringProtocol, limit: Int = 40) -> String {
        let scalars = value.unicodeScalars
        guard scalars.count > limit else { return "\"\(value)\"" }
        var short = String.UnicodeScalarView()
        short.append(contentsOf: scalars.prefix(limit))
        return "\"\(String(short))…\""
    }
}
