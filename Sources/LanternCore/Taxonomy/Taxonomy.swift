import Foundation

/// A versioned program taxonomy: the tags a signal may carry. The node ships one version and can load newer
/// ones at run time; each signal keeps the version it was tagged with.
public struct Taxonomy: Sendable, Equatable {
    /// One tag of the taxonomy.
    public struct Tag: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            /// May stand alone on a signal; every signal needs at least one.
            case primary
            /// Adds detail; never applied alone.
            case supplemental
        }

        public var id: String
        public var name: String
        public var kind: Kind
        /// The name of the parameter, for tags used as `id:parameter`; `nil` for plain tags.
        public var parameter: String?
        public var definition: String
    }

    public let version: String
    public let tags: [Tag]
    private let byID: [String: Tag]

    public init(version: String, tags: [Tag]) throws(ValueError) {
        guard !version.isEmpty, version.count <= 32 else {
            throw ValueError("A taxonomy version is 1 to 32 characters long.")
        }
        var byID: [String: Tag] = [:]
        for tag in tags {
            guard TagRef.isValidID(tag.id.utf8) else {
                throw ValueError("The taxonomy tag id '\(tag.id)' is not lowercase snake_case.")
            }
            guard byID.updateValue(tag, forKey: tag.id) == nil else {
                throw ValueError("The taxonomy defines the tag '\(tag.id)' twice.")
            }
        }
        guard tags.contains(where: { $0.kind == .primary }) else {
            throw ValueError("A taxonomy needs at least one primary tag.")
        }
        self.version = version
        self.tags = tags
        self.byID = byID
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.version == rhs.version && lhs.tags == rhs.tags }

    /// Decodes a taxonomy document: `{"version": "...", "tags": [{"id", "name", "kind", "parameter", "definition"}]}`.
    public static func decode(json: String) throws(ValueError) -> Taxonomy {
        struct Document: Decodable {
            var version: String
            var tags: [Tag]
        }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(json.utf8))
        } catch {
            throw ValueError("The taxonomy document is not valid: \(error).")
        }
        return try Taxonomy(version: document.version, tags: document.tags)
    }

    /// The taxonomy shipped with this release.
    public static let builtIn: Taxonomy = {
        do {
            return try decode(json: defaultJSON)
        } catch {
            fatalError("The built-in taxonomy does not decode: \(error)")
        }
    }()

    public func tag(_ id: String) -> Tag? { byID[id] }

    /// Parses and checks one tag as a user or a peer wrote it. Tag ids are case-insensitive on input,
    /// and spaces or dashes are read as underscores.
    public func resolve(_ text: String) throws(ValueError) -> TagRef {
        // The common case: a plain tag id written exactly as defined.
        if let tag = byID[text], tag.parameter == nil { return TagRef(id: tag.id) }
        guard text.utf8.count <= 160 else { throw ValueError("A tag is at most 160 characters long.") }
        let trimmed = text.trimmingWhitespace()
        let idPart: Substring
        let parameter: String?
        if let colon = trimmed.firstIndex(of: ":") {
            idPart = trimmed[..<colon]
            parameter = String(trimmed[trimmed.index(after: colon)...]).trimmingWhitespace()
        } else {
            idPart = Substring(trimmed)
            parameter = nil
        }
        let id = Self.canonicalID(idPart)
        guard let tag = byID[id] else {
            let suggestions = suggestions(for: id)
            let hint = suggestions.isEmpty ? "" : " Did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
            throw ValueError("'\(trimmed)' is not a tag of taxonomy \(version).\(hint)")
        }
        switch (tag.parameter, parameter) {
        case (nil, nil):
            return TagRef(id: id)
        case (nil, .some):
            throw ValueError("The tag '\(id)' takes no parameter.")
        case (.some(let name), nil):
            throw ValueError("The tag '\(id)' needs a parameter (its \(name)), as in '\(id):\(name == "id" ? "12345" : "example")'.")
        case (.some(let name), .some(let value)):
            guard Self.isValidParameter(value) else {
                throw ValueError(
                    "The \(name) of tag '\(id)' must be 1 to 64 letters, digits, '.', '_' or '-'.")
            }
            // Platform names are case-insensitive; report ids are kept as given.
            return TagRef(id: id, parameter: id == "platform" ? value.lowercased() : value)
        }
    }

    /// The nearest known tag ids to `id`, by edit distance, closest first.
    public func suggestions(for id: String, limit: Int = 3) -> [String] {
        let scored = tags.map { tag -> (String, Int) in
            let distance = min(editDistance(id, tag.id), tag.id.hasPrefix(id) && !id.isEmpty ? 1 : Int.max)
            return (tag.id, distance)
        }
        let threshold = max(2, id.count / 3)
        return scored.filter { $0.1 <= threshold }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
    }

    static func canonicalID(_ text: Substring) -> String {
        String(text.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    static func isValidParameter(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.count <= 64
            && value.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "._-".unicodeScalars.contains($0) }
    }
}

/// Levenshtein distance between two short strings.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
