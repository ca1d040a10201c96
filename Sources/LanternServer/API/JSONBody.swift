import Foundation
import Hummingbird
import LanternCore
import LanternWire
import NIOFoundationCompat

/// Reading JSON request bodies with errors that name the field.
enum JSONBody {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: APIRequestContext) async throws -> T {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError(
                .contentTooLarge, code: "body_too_large",
                message: "The request body is larger than the \(context.maxUploadSize) bytes this node accepts.")
        }
        guard buffer.readableBytes > 0 else { throw APIError.badRequest(field: nil, "The request needs a JSON body.") }
        return try decode(type, from: Data(buffer: buffer))
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data, subject: String = "The body") throws -> T {
        if let key = JSONRepeatedKeys.first(in: data) {
            throw APIError.badRequest(field: key, "\(subject) gives '\(key)' more than once.")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw describe(error)
        }
    }

    /// Turns a `DecodingError` into a sentence naming the JSON path of the fault, without its first `depth` keys
    /// (the path of a batch element reported by its index).
    static func describe(_ error: DecodingError, subject: String = "The body", depth: Int = 0) -> APIError {
        func path(_ keys: [any CodingKey]) -> String? {
            let parts = keys.dropFirst(depth).map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            let trimmed = parts.hasPrefix(".") ? String(parts.dropFirst()) : parts
            return trimmed.isEmpty ? nil : trimmed
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return APIError.badRequest(field: nil, "\(subject) is not valid JSON.")
        case .dataCorrupted(let context):
            return APIError.badRequest(field: path(context.codingPath), "The value is not valid: \(context.debugDescription)")
        case .keyNotFound(let key, let context):
            return APIError.badRequest(field: path(context.codingPath + [key]), "This field is required.")
        case .typeMismatch(let type, let context):
            return APIError.badRequest(field: path(context.codingPath), "This field has the wrong JSON type; expected \(jsonName(type)).")
        case .valueNotFound(let type, let context):
            return APIError.badRequest(field: path(context.codingPath), "This field is null; expected \(jsonName(type)).")
        @unknown default:
            return APIError.badRequest(field: nil, "\(subject) could not be read as JSON.")
        }
    }

    static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [String].Type, is [Any].Type: "an array"
        default: "an object"
        }
    }
}

extension Response {
    /// A JSON response with the given status.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
