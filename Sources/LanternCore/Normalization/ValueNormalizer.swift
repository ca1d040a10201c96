import Foundation

/// Turns a raw value of a given type into its normalised form, checking it on the way.
///
/// The normalised form is what matching compares; the raw form is kept beside it.
public enum ValueNormalizer {
    /// The longest raw value accepted, in UTF-8 bytes (TMK hashes are the largest values).
    public static let maximumValueBytes = 65_536

    /// Normalises `raw` as a value of `type` with its attributes. Errors name the field at fault.
    public static func normalize(
        type: SignalType, raw: String, attributes: SignalAttributes
    ) throws(ValidationError) -> SignalValue {
        guard !raw.isEmpty else { throw ValidationError(field: "value", reason: "The value is empty.") }
        guard raw.utf8.count <= maximumValueBytes else {
            throw ValidationError(field: "value", reason: "The value is longer than \(maximumValueBytes) bytes.")
        }
        var attributes = attributes
        try checkAttributes(type: type, attributes: &attributes)
        let normalized: String
        do {
            normalized = try normalizeValue(type: type, raw: raw, attributes: attributes)
        } catch {
            throw ValidationError(field: "value", error)
        }
        return SignalValue(type: type, normalized: normalized, raw: raw, attributes: attributes)
    }

    static func normalizeValue(type: SignalType, raw: String, attributes: SignalAttributes) throws(ValueError) -> String {
        switch type {
        case .url: return try URLCanonicalizer.canonicalize(raw).string
        case .domain: return try domain(raw)
        case .email: return try email(raw)
        case .username: return try username(raw)
        case .phone: return try phone(raw)
        case .paymentAccount: return try paymentHandle(raw, provider: attributes.provider ?? "")
        case .pdq: return try hex(raw, digits: 64, name: "A PDQ hash")
        case .md5: return try hex(raw, digits: 32, name: "An MD5 hash")
        case .sha1: return try hex(raw, digits: 40, name: "A SHA-1 hash")
        case .sha256: return try hex(raw, digits: 64, name: "A SHA-256 hash")
        case .photodna: return try photoDNA(raw)
        case .tmk: return try opaque(raw, name: "A TMK hash")
        case .keyword: return try keyword(raw)
        }
    }

    /// Checks that each attribute belongs to the type, fills what the type needs, and normalises them.
    static func checkAttributes(type: SignalType, attributes: inout SignalAttributes) throws(ValidationError) {
        func refuse(_ field: String, _ present: Bool) throws(ValidationError) {
            if present { throw ValidationError(field: field, reason: "This field does not apply to \(type.rawValue) signals.") }
        }
        try refuse("platform", type != .username && attributes.platform != nil)
        try refuse("provider", type != .paymentAccount && attributes.provider != nil)
        try refuse("media_kind", !type.isHash && attributes.mediaKind != nil)
        try refuse("quality", type != .pdq && attributes.quality != nil)
        try refuse("language", type != .keyword && attributes.language != nil)
        try refuse("path_prefix", type != .url && attributes.pathPrefix != nil)
        switch type {
        case .username:
            attributes.platform = try token(attributes.platform, field: "platform", example: "platform=discord")
        case .paymentAccount:
            attributes.provider = try token(attributes.provider, field: "provider", example: "provider=paypal")
        case .keyword:
            guard let language = attributes.language else {
                throw ValidationError(field: "language", reason: "A keyword needs a BCP 47 language code, such as 'en' or 'pt-BR'.")
            }
            do { attributes.language = try LanguageTag.canonicalize(language) } catch { throw ValidationError(field: "language", error) }
        default:
            break
        }
        if type.isHash {
            guard attributes.mediaKind != nil else {
                let kinds = MediaKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError(field: "media_kind", reason: "A hash needs a media kind: one of \(kinds).")
            }
        }
        if let quality = attributes.quality, !(0...100).contains(quality) {
            throw ValidationError(field: "quality", reason: "A PDQ quality is between 0 and 100; \(quality) is not.")
        }
    }

    static func token(_ value: String?, field: String, example: String) throws(ValidationError) -> String {
        guard let value = value?.trimmingWhitespace(), !value.isEmpty else {
            throw ValidationError(field: field, reason: "This type needs a \(field), such as \(example).")
        }
        let lower = value.lowercased()
        guard lower.utf8.count <= 64, lower.utf8.allSatisfy({ isAlnum($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }) else {
            throw ValidationError(field: field, reason: "A \(field) is 1 to 64 letters, digits, '.', '_' or '-'.")
        }
        return lower
    }

    static func domain(_ raw: String) throws(ValueError) -> String {
        let host = try HostName.normalize(raw.trimmingWhitespace())
        guard HostName.isRegistrableDomain(host) else {
            throw ValueError("A domain signal is a host name such as example.com, not an IP address.")
        }
        return host
    }

    static func email(_ raw: String) throws(ValueError) -> String {
        let trimmed = raw.trimmingWhitespace()
        // In ASCII text a byte search finds the same '@' as a search by character; elsewhere a combining mark can
        // make an '@' part of another character, which the character search (rightly) does not match.
        let ascii = trimmed.utf8.allSatisfy { $0 < 0x80 }
        guard let at = ascii ? trimmed.utf8.lastIndex(of: UInt8(ascii: "@")) : trimmed.lastIndex(of: "@") else {
            throw ValueError("An email address needs an '@', as in name@example.com.")
        }
        let local = trimmed[..<at]
        let host = String(trimmed[trimmed.index(after: at)...])
        guard !local.isEmpty, local.utf8.count <= 64 else {
            throw ValueError("The part of an email address before the '@' is 1 to 64 characters long.")
        }
        // Printable ASCII but '@' passes at once; only other text needs Unicode's properties.
        let plain = local.utf8.allSatisfy { $0.isPrintableASCII && $0 != UInt8(ascii: "@") }
        guard plain || !local.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0 == "@" }) else {
            throw ValueError("The part of an email address before the '@' has no spaces, control characters or second '@'.")
        }
        let domain: String
        do { domain = try HostName.normalize(host) } catch {
            throw ValueError("The domain of an email address is not valid: \(error.reason)")
        }
        let result = local.lowercased() + "@" + domain
        guard result.utf8.count <= 254 else { throw ValueError("An email address is at most 254 characters long.") }
        return result
    }

    static func username(_ raw: String) throws(ValueError) -> String {
        var name = raw.trimmingWhitespace()
        if name.hasPrefix("@") { name.removeFirst() }
        // Printable ASCII (nearly every name) has no spaces or control characters, and NFKC leaves it as it is.
        if (1...256).contains(name.utf8.count), name.utf8.allSatisfy(\.isPrintableASCII) { return name.lowercased() }
        guard !name.isEmpty, name.count <= 256 else { throw ValueError("A username is 1 to 256 characters long.") }
        guard !name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) else {
            throw ValueError("A username has no spaces or control characters.")
        }
        return name.precomposedStringWithCompatibilityMapping.lowercased()
    }

    static func phone(_ raw: String) throws(ValueError) -> String {
        var text = raw.trimmingWhitespace()
        if text.hasPrefix("00") { text = "+" + text.dropFirst(2) }
        guard text.hasPrefix("+") else {
            throw ValueError("A phone number must be in international E.164 form, starting with '+' and the country code, such as +14155550123.")
        }
        var digits = ""
        for ch in text.dropFirst() {
            if ch.isASCII, ch.isNumber {
                digits.append(ch)
            } else if " -.()".contains(ch) {
                continue
            } else {
                throw ValueError("A phone number holds only digits after the '+' (spaces, dashes, dots and brackets are ignored).")
            }
        }
        guard (8...15).contains(digits.count), digits.first != "0" else {
            throw ValueError("An E.164 phone number has 8 to 15 digits after the '+' and no leading zero; this one has \(digits.count).")
        }
        return "+" + digits
    }

    static func paymentHandle(_ raw: String, provider: String) throws(ValueError) -> String {
        var handle = raw.trimmingWhitespace()
        guard !handle.isEmpty, handle.count <= 256, !handle.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else {
            throw ValueError("A payment handle is 1 to 256 characters with no spaces.")
        }
        switch provider {
        case "cashapp":
            if handle.hasPrefix("$") { handle.removeFirst() }
            return handle.lowercased()
        case "venmo":
            if handle.hasPrefix("@") { handle.removeFirst() }
            return handle.lowercased()
        case "ethereum", "eth":
            let lower = handle.lowercased()
            guard lower.hasPrefix("0x"), lower.count == 42, lower.dropFirst(2).utf8.allSatisfy(isHex) else {
                throw ValueError("An Ethereum address is '0x' followed by 40 hexadecimal digits.")
            }
            return lower
        case "bitcoin", "btc":
            // Bech32 addresses are case-insensitive; base58 ones are case-sensitive.
            return handle.lowercased().hasPrefix("bc1") ? handle.lowercased() : handle
        default:
            return handle.lowercased()
        }
    }

    static func hex(_ raw: String, digits: Int, name: String) throws(ValueError) -> String {
        let text = raw.trimmingWhitespace().lowercased()
        guard text.utf8.count == digits else {
            throw ValueError("\(name) has \(digits) hexadecimal characters; this one has \(text.count).")
        }
        guard text.utf8.allSatisfy(isHex) else {
            throw ValueError("\(name) holds only hexadecimal characters (0-9, a-f).")
        }
        return text
    }

    /// PhotoDNA hashes are 144 bytes: 288 hexadecimal characters, or base64. Normalised to lowercase hex.
    static func photoDNA(_ raw: String) throws(ValueError) -> String {
        let text = raw.trimmingWhitespace()
        if text.utf8.count == 288, text.utf8.allSatisfy(isHex) { return text.lowercased() }
        if let data = Data(base64Encoded: text), data.count == 144 {
            return Hex.encode(data)
        }
        throw ValueError("A PhotoDNA hash is 144 bytes, written as 288 hexadecimal characters or in base64.")
    }

    static func opaque(_ raw: String, name: String) throws(ValueError) -> String {
        let text = raw.trimmingWhitespace()
        let allowed: (UInt8) -> Bool = { isAlnum($0) || $0 == 0x2B || $0 == 0x2F || $0 == 0x3D || $0 == 0x2D || $0 == 0x5F }
        guard !text.isEmpty, text.utf8.allSatisfy(allowed) else {
            throw ValueError("\(name) is written in hexadecimal or base64.")
        }
        return text
    }

    /// Keywords are compared after Unicode compatibility normalisation, case folding and collapsing white space.
    static func keyword(_ raw: String) throws(ValueError) -> String {
        let folded = raw.precomposedStringWithCompatibilityMapping.lowercased()
        let words = folded.split(whereSeparator: { $0.isWhitespace })
        let text = words.joined(separator: " ")
        guard !text.isEmpty, text.count <= 256 else { throw ValueError("A keyword is 1 to 256 characters long.") }
        return text
    }
}

func isHex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46) }
func isAlnum(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) }
