import Foundation
import LanternSync
import Testing

/// The hello is one type for the endpoint that writes it and the client that reads it.
@Suite struct HelloMessageTests {
    @Test func whatTheEndpointWritesTheClientReads() throws {
        let hello = HelloMessage(participant: "alpha", role: "tech", registryVersion: 3, peer: "bravo")
        let data = try JSONEncoder().encode(hello)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["registry_version"] as? Int == 3)
        #expect(try JSONDecoder().decode(HelloMessage.self, from: data) == hello)
        let withoutRegistry = try JSONDecoder().decode(HelloMessage.self, from: Data(#"{"participant":"a","role":"tech","peer":""}"#.utf8))
        #expect(withoutRegistry.registryVersion == nil)
    }

    @Test func aRegistryVersionNoNodeHoldsIsRefusedWhereItIsRead() {
        let body = #"{"participant":"alpha","role":"tech","peer":"bravo","registry_version":9223372036854775808}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(HelloMessage.self, from: Data(body.utf8)) }
    }
}
