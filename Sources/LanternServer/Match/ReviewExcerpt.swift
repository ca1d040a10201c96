public import LanternMatch

/// What a review item keeps of the item that matched: its value, or for a text the passage around the keyword. The
/// match view finds the keyword in the passage by the same rule that cut it.
public enum ReviewExcerpt {
    /// Characters kept on each side of a keyword in a text.
    public static let margin = 120
    /// At most this many Unicode scalars are kept.
    public static let maxScalars = 1000

    /// The passage kept of `value`, an item of `type`, that matched for `reason`.
    public static func excerpt(of value: String, type: String, reason: MatchReason) -> String {
        var text = Substring(value)
        if case .keyword(let start, let end) = reason, type == "text" {
            let from = text.index(text.startIndex, offsetBy: passageStart(keywordStart: start), limitedBy: text.endIndex) ?? text.endIndex
            let to = text.index(text.startIndex, offsetBy: end + margin, limitedBy: text.endIndex) ?? text.endIndex
            text = text[from..<to]
        }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(maxScalars)))
    }

    /// Where the keyword at `start ..< end` of a text lies in the passage `excerpt` kept of it, in characters.
    public static func keywordRange(start: Int, end: Int, type: String) -> Range<Int> {
        guard type == "text", start >= 0, end >= start else { return 0..<0 }
        let offset = passageStart(keywordStart: start)
        return (start - offset)..<(end - offset)
    }

    /// Where a text's passage begins, in characters, for a keyword at `start`: the one rule both sides follow.
    static func passageStart(keywordStart start: Int) -> Int { max(0, start - margin) }
}
