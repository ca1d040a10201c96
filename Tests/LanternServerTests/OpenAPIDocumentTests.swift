import Foundation
import Testing

@testable import LanternServer

@Suite struct OpenAPIDocumentTests {
    static let docsFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/openapi.json")

    @Test func servedDocumentIsTheOneInDocs() throws {
        let docs = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.docsFile)) as? NSDictionary
        let served = try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? NSDictionary
        #expect(docs != nil)
        #expect(docs == served, "docs/openapi.json and OpenAPIDocument.swift differ: regenerate one from the other")
    }

    @Test func everyRouteIsDocumented() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let expected: [(String, String)] = [
            ("/v1/health", "get"), ("/v1/ready", "get"), ("/v1/openapi.json", "get"), ("/v1/signals", "post"),
            ("/v1/signals", "get"), ("/v1/signals/batch", "post"), ("/v1/signals/import", "post"),
            ("/v1/signals/{id}", "get"), ("/v1/signals/{id}", "patch"), ("/v1/signals/{id}", "delete"),
            ("/v1/signals/{id}/reactions", "put"), ("/v1/signals/{id}/reactions", "get"),
            ("/v1/participants", "get"), ("/v1/participants/{id}", "put"), ("/v1/taxonomy", "get"), ("/v1/taxonomy", "put"),
            ("/v1/registry", "get"), ("/v1/registry", "put"), ("/v1/peers", "get"), ("/v1/peers/status", "get"),
            ("/v1/peers/{participant}", "put"), ("/v1/peers/{participant}", "delete"), ("/v1/sync", "post"), ("/metrics", "get"),
            ("/v1/match", "post"), ("/v1/review/items", "get"), ("/v1/review/items/{item}", "get"),
            ("/v1/review/items/{item}/claim", "post"), ("/v1/review/items/{item}/release", "post"),
            ("/v1/review/items/{item}/decision", "post"), ("/v1/review/flags", "get"), ("/v1/review/flags/{id}/decision", "post"),
            ("/v1/review/outcomes", "get"),
        ]
        for (path, method) in expected {
            #expect(paths[path]?[method] != nil, "\(method.uppercased()) \(path) is not documented")
        }
    }
}
