import Crypto
import Foundation
import LanternCore

/// The SHA-256 of a file, read in chunks.
public enum FileDigest {
    public static func sha256(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ClientError(.failure, "Cannot read \(path).") }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let data = handle.readData(ofLength: 1 << 20)
            if data.isEmpty { break }
            hasher.update(data: data)
        }
        return "sha256:" + Hex.encode(hasher.finalize())
    }
}
