import Foundation
public import LanternCore

/// Keyword signals, found all at once in a text (Aho-Corasick over the UTF-8 of the normalised text).
///
/// Text and keywords are compared in the keyword's normal form: Unicode compatibility normalisation, lower case,
/// white space collapsed to one space. A keyword matches only as whole words where its script separates words
/// with spaces (`grooming` is not found in `groomings`), anywhere in scripts that do not (Chinese, Japanese, Thai…).
/// A text given with a language matches only keywords of that language (by primary subtag: `pt` and `pt-BR`
/// agree); a text without one matches every keyword. Matches report character offsets in the text as given.
///
/// Changes are cheap; the automaton is rebuilt by `prepare()` (the owner calls it after a batch of changes), and a
/// query on a stale index builds a temporary one, so a removed keyword never matches.
public struct KeywordIndex: Sendable {
    struct Keyword: Sendable {
        var signal: SignalID
        var text: [UInt8]
        var language: String
        var boundedStart: Bool
        var boundedEnd: Bool
    }

    private var keywords: [SignalID: Keyword] = [:]
    private var automaton: Automaton?

    public init() {
        automaton = Automaton([])
    }

    public var count: Int { keywords.count }

    /// Adds a keyword signal: `value` in normal form (as `ValueNormalizer` makes it) and its language.
    public mutating func insert(_ signal: SignalID, value: String, language: String) {
        let first = value.first.map(Self.needsBoundary) ?? true
        let last = value.last.map(Self.needsBoundary) ?? true
        keywords[signal] = Keyword(
            signal: signal, text: Array(value.utf8), language: Self.primary(language), boundedStart: first, boundedEnd: last)
        automaton = nil
    }

    public mutating func remove(_ signal: SignalID) {
        guard keywords.removeValue(forKey: signal) != nil else { return }
        automaton = nil
    }

    /// Builds the automaton after changes.
    public mutating func prepare() {
        if automaton == nil { automaton = Automaton(Array(keywords.values)) }
    }

    /// Every keyword found in `text`, in order of position.
    public func matches(in text: String, language: String? = nil) -> [ValueMatch] {
        let automaton = self.automaton ?? Automaton(Array(keywords.values))
        let normalized = Normalized(text)
        let wanted = language.map(Self.primary)
        var found: [ValueMatch] = []
        automaton.run(normalized.bytes) { keyword, end in
            if let wanted, keyword.language != wanted { return }
            let start = end - keyword.text.count
            let first = normalized.characters[start]
            let last = normalized.characters[end - 1]
            if keyword.boundedStart, first > 0, normalized.isWord[first - 1] { return }
            if keyword.boundedEnd, last + 1 < normalized.isWord.count, normalized.isWord[last + 1] { return }
            found.append(ValueMatch(signal: keyword.signal, reason: .keyword(start: first, end: last + 1)))
        }
        var seen = Set<ValueMatch>()
        return found.filter { seen.insert($0).inserted }
    }

    static func primary(_ language: String) -> String {
        String(language.lowercased().split(separator: "-").first ?? "")
    }

    /// Whether a keyword starting or ending with `character` must meet a word boundary there.
    static func needsBoundary(_ character: Character) -> Bool {
        guard isWord(character) else { return false }
        return !character.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
                0x20000...0x2FA1F:
                true
            default: false
            }
        }
    }

    static func isWord(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "_" }

    /// A text in the keywords' normal form, with, for each UTF-8 byte, the index of the character it came from.
    struct Normalized {
        var bytes: [UInt8] = []
        var characters: [Int] = []
        var isWord: [Bool] = []

        init(_ text: String) {
            bytes.reserveCapacity(text.utf8.count)
            characters.reserveCapacity(text.utf8.count)
            if text.utf8.allSatisfy({ $0 < 0x80 }) {
                ascii(text)
                return
            }
            var index = 0
            var lastWasSpace = true
            for character in text {
                defer { index += 1 }
                isWord.append(KeywordIndex.isWord(character))
                if character.isWhitespace {
                    if !lastWasSpace {
                        bytes.append(0x20)
                        characters.append(index)
                    }
                    lastWasSpace = true
                    continue
                }
                lastWasSpace = false
                if let ascii = character.asciiValue {
                    bytes.append(ascii >= 0x41 && ascii <= 0x5A ? ascii + 0x20 : ascii)
                    characters.append(index)
                } else {
                    for byte in String(character).precomposedStringWithCompatibilityMapping.lowercased().utf8 {
                        bytes.append(byte)
                        characters.append(index)
                    }
                }
            }
        }

        /// The same for a text that is all ASCII (most are): one byte is one character, no Unicode tables needed.
        private mutating func ascii(_ text: String) {
            isWord.reserveCapacity(text.utf8.count)
            var lastWasSpace = true
            var pendingReturn = false
            for byte in text.utf8 {
                // "\r\n" is one character in Swift: keep offsets in characters, as for any other text.
                if pendingReturn, byte == 0x0A {
                    pendingReturn = false
                    continue
                }
                pendingReturn = byte == 0x0D
                let position = isWord.count
                let letter = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
                isWord.append(letter || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F)
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    if !lastWasSpace {
                        bytes.append(0x20)
                        characters.append(position)
                    }
                    lastWasSpace = true
                    continue
                }
                lastWasSpace = false
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                characters.append(position)
            }
        }
    }
}

/// The Aho-Corasick automaton over bytes: a trie of the keywords with failure links, each node's edges sorted.
struct Automaton: Sendable {
    private var edgeStart: [Int32] = [0]
    private var edgeBytes: [UInt8] = []
    private var edgeTargets: [Int32] = []
    private var failure: [Int32] = []
    /// Keywords ending at each node, and the nearest node down the failure links that has some.
    private var outputs: [[Int32]] = []
    private var outputLink: [Int32] = []
    private var root: [Int32] = Array(repeating: 0, count: 256)
    private let keywords: [KeywordIndex.Keyword]

    init(_ keywords: [KeywordIndex.Keyword]) {
        self.keywords = keywords
        var children: [[UInt8: Int32]] = [[:]]
        var ends: [[Int32]] = [[]]
        for (number, keyword) in keywords.enumerated() where !keyword.text.isEmpty {
            var node = 0
            for byte in keyword.text {
                if let next = children[node][byte] {
                    node = Int(next)
                } else {
                    children.append([:])
                    ends.append([])
                    children[node][byte] = Int32(children.count - 1)
                    node = children.count - 1
                }
            }
            ends[node].append(Int32(number))
        }
        for node in children {
            for (byte, target) in node.sorted(by: { $0.key < $1.key }) {
                edgeBytes.append(byte)
                edgeTargets.append(target)
            }
            edgeStart.append(Int32(edgeBytes.count))
        }
        outputs = ends
        failure = Array(repeating: 0, count: children.count)
        outputLink = Array(repeating: -1, count: children.count)
        var queue: [Int32] = []
        for (byte, target) in children[0] {
            root[Int(byte)] = target
            queue.append(target)
        }
        var head = 0
        while head < queue.count {
            let node = Int(queue[head])
            head += 1
            for (byte, target) in children[node] {
                var fallback = Int(failure[node])
                while fallback != 0, children[fallback][byte] == nil { fallback = Int(failure[fallback]) }
                let link = node == 0 ? 0 : (children[fallback][byte].map(Int.init) ?? 0)
                failure[Int(target)] = Int32(link == Int(target) ? 0 : link)
                let linked = Int(failure[Int(target)])
                outputLink[Int(target)] = outputs[linked].isEmpty ? outputLink[linked] : Int32(linked)
                queue.append(target)
            }
        }
    }

    private func next(_ node: Int, _ byte: UInt8) -> Int? {
        if node == 0 { return root[Int(byte)] == 0 ? nil : Int(root[Int(byte)]) }
        for edge in Int(edgeStart[node])..<Int(edgeStart[node + 1]) where edgeBytes[edge] == byte { return Int(edgeTargets[edge]) }
        return nil
    }

    /// Calls `found` with each keyword occurrence and the byte offset just past it.
    func run(_ text: [UInt8], found: (KeywordIndex.Keyword, Int) -> Void) {
        var node = 0
        for (offset, byte) in text.enumerated() {
            while node != 0, next(node, byte) == nil { node = Int(failure[node]) }
            node = next(node, byte) ?? 0
            var output = node
            while output > 0 {
                for keyword in outputs[output] { found(keywords[Int(keyword)], offset + 1) }
                output = Int(outputLink[output])
            }
        }
    }
}
