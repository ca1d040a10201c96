import Crypto
import Foundation
import LanternCore
import LanternSync
import LanternTesting
import Testing

@Suite struct ChainDigestTests {
    @Test func hexAndBytesRoundTrip() throws {
        let digest = ChainDigest.of(Data("lantern".utf8))
        let hex = Hex.encode(SHA256.hash(data: Data("lantern".utf8)))
        #expect(digest.hex == hex)
        #expect(ChainDigest(hex: hex) == digest)
        #expect(ChainDigest(data: digest.data) == digest)
        #expect(digest.data == Data(SHA256.hash(data: Data("lantern".utf8))))
        var appended: [UInt8] = [7]
        digest.append(to: &appended)
        #expect(appended == [7] + Array(digest.data))
        #expect(ChainDigest.zero.hex == String(repeating: "0", count: 64))
        #expect(ChainDigest.zero != digest)
    }

    @Test func onlyLowercaseHexOfThirtyTwoBytesIsAHash() {
        let hex = ChainDigest.test("x").hex
        #expect(ChainDigest(hex: hex.uppercased()) == nil)
        #expect(ChainDigest(hex: String(hex.dropLast())) == nil)
        #expect(ChainDigest(hex: hex + "0") == nil)
        #expect(ChainDigest(hex: String(hex.dropLast()) + "g") == nil)
        #expect(ChainDigest(hex: "") == nil)
        #expect(ChainDigest(data: Data(count: 31)) == nil)
        #expect(ChainDigest(data: Data(count: 33)) == nil)
    }

    @Test func jsonCarriesHashesAsHexAndRefusesAnythingElse() throws {
        let position = ChainPosition(epoch: "e1", seq: 3, hash: .test("h3"))
        let json = String(decoding: try JSONEncoder().encode(position), as: UTF8.self)
        #expect(json.contains("\"\(ChainDigest.test("h3").hex)\""))
        #expect(try JSONDecoder().decode(ChainPosition.self, from: Data(json.utf8)) == position)
        let bad = json.replacingOccurrences(of: ChainDigest.test("h3").hex, with: "zz")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ChainPosition.self, from: Data(bad.utf8)) }
    }

    /// The event hash is part of the wire protocol (protocol.md section 3): it must stay the SHA-256 of these lines,
    /// however it is computed.
    @Test func theEventHashIsTheSpecifiedOne() {
        let previous = ChainDigest.test("previous")
        let body = Data(#"{"id":"S1"}"#.utf8)
        for (seq, revision) in [(UInt64(1), UInt64(0)), (42, 7), (UInt64(Int64.max), UInt64.max)] {
            let event = ChainEvent(
                origin: Fixtures.alpha.id, scope: .allowlist([Fixtures.bravo.id]), epoch: "1767225600000-ab12", seq: seq, signalID: "S1",
                revision: revision, kind: .upsert, body: body, previousHash: previous)
            let lines = [
                "lantern-event-v1", "alpha", "allow:bravo", "1767225600000-ab12", String(seq), "S1", String(revision), "upsert",
                Hex.encode(SHA256.hash(data: body)), previous.hex,
            ]
            let expected = Hex.encode(SHA256.hash(data: Data(lines.joined(separator: "\n").utf8)))
            #expect(event.hash.hex == expected)
            #expect(event.hashIsValid && event.bodyMatchesDigest)
        }
    }
}
