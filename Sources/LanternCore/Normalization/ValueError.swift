/// Why a raw value could not be normalised, as a full sentence without the field name.
///
/// The validator pairs it with the field that held the value, so a caller sees, for example,
/// `value: A PDQ hash has 64 hexadecimal characters; this one has 63.`
public struct ValueError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
