import Foundation
import HTTPTypes
import Hummingbird

extension Browser {
    /// A `multipart/form-data` form, as a browser sends a form with a file: the fields in order, then the file.
    func postMultipart(
        _ path: String, fields: [(String, String)], file: (name: String, bytes: [UInt8])?, boundary: String = "----lantern-test-0123456789"
    ) async throws -> Page {
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        var bytes = Array(body.utf8)
        if let file {
            bytes += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8)
            bytes += file.bytes
            bytes += Array("\r\n".utf8)
        }
        bytes += Array("--\(boundary)--\r\n".utf8)
        return try await send(
            .post, path, body: String(decoding: bytes, as: UTF8.self),
            headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .origin: "http://localhost"])
    }
}
