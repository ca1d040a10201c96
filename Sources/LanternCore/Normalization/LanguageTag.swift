import Foundation

/// BCP 47 language tags, checked for shape and put in canonical case (`pt-br` becomes `pt-BR`,
/// `zh-hant` becomes `zh-Hant`).
public enum LanguageTag {
    public static func canonicalize(_ raw: String) throws(ValueError) -> String {
        let parts = raw.trimmingWhitespace().replacingOccurrences(of: "_", with: "-").split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count), primary.utf8.allSatisfy(isLetter) else {
            throw ValueError("'\(raw)' is not a BCP 47 language code; use a code such as 'en', 'de' or 'pt-BR'.")
        }
        var out = [primary.lowercased()]
        for part in parts.dropFirst() {
            guard (1...8).contains(part.count), part.utf8.allSatisfy(isAlnum) else {
                throw ValueError("'\(raw)' is not a BCP 47 language code; use a code such as 'en', 'de' or 'pt-BR'.")
            }
            if part.count == 2, part.utf8.allSatisfy(isLetter) {
                out.append(part.uppercased())
            } else if part.count == 4, part.utf8.allSatisfy(isLetter) {
                out.append(part.prefix(1).uppercased() + part.dropFirst().lowercased())
            } else {
                out.append(part.lowercased())
            }
        }
        return out.joined(separator: "-")
    }

    static func isLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) }
}
