import Foundation
import LanternSync

extension ChainDigest {
    /// A hash as stored: a 32-byte blob. - Throws: `StoreError.corrupt` for anything else.
    static func stored(_ data: Data?) throws -> ChainDigest {
        guard let data, let digest = ChainDigest(data: data) else { throw StoreError.corrupt("a stored hash is not 32 bytes") }
        return digest
    }
}
