extension UInt8 {
    /// A visible ASCII character: no space, no control character, nothing beyond ASCII. Text made only of these
    /// takes the normalisers' shortcuts, where Unicode's properties cannot change anything.
    public var isPrintableASCII: Bool { self > 0x20 && self < 0x7F }
}
