import Hummingbird

/// The query parameters of one request, read with errors that name the parameter.
///
/// An endpoint that takes parameters refuses one it does not know (a misspelt filter must not widen a listing to
/// everything) and one given twice (which of the two would count is a guess); a value of the wrong form is refused
/// by the typed readers. Each refusal is a 400 naming the parameter.
struct QueryReader {
    private let values: [String: String]

    init(_ request: Request, known: Set<String>) throws {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            guard known.contains(name) else { throw Self.unknown(name, known: known) }
            guard values[name] == nil else { throw APIError.badRequest(field: name, "The parameter '\(name)' is given more than once.") }
            values[name] = String(value)
        }
        self.values = values
    }

    /// Parameters already split apart, such as a form's fields.
    init(values: [String: String], known: Set<String>) throws {
        if let name = values.keys.sorted().first(where: { !known.contains($0) }) { throw Self.unknown(name, known: known) }
        self.values = values
    }

    static func unknown(_ name: String, known: Set<String>) -> APIError {
        APIError.badRequest(field: name, "'\(name)' is not a parameter of this endpoint; it takes \(known.sorted().joined(separator: ", ")).")
    }

    /// The parameter's text, or nil when it is absent.
    func string(_ name: String) -> String? { values[name] }

    /// `true` or `1`, `false` or `0`; nil when the parameter is absent.
    func bool(_ name: String) throws -> Bool? {
        switch values[name] {
        case nil: return nil
        case "true", "1": return true
        case "false", "0": return false
        case let text?: throw APIError.badRequest(field: name, "'\(text)' is not true or false.")
        }
    }

    /// A whole number in `range`; nil when the parameter is absent.
    func integer<Number: FixedWidthInteger>(_ name: String, in range: ClosedRange<Number>, _ rule: String) throws -> Number? {
        guard let text = values[name] else { return nil }
        guard let number = Number(text), range.contains(number) else { throw APIError.badRequest(field: name, rule) }
        return number
    }
}
