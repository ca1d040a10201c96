/// One element of a batch, decoded on its own: an element of the wrong shape becomes that element's error instead
/// of failing the whole request.
///
/// An element that is not a JSON object still fails the request, since the envelope itself is then wrong.
struct EachDecoded<Element: Decodable>: Decodable {
    let result: Result<Element, DecodingError>

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: AnyKey.self)
        do {
            result = .success(try Element(from: decoder))
        } catch let error as DecodingError {
            result = .failure(error)
        }
    }
}
