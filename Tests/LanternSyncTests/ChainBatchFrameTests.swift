import Crypto
import Foundation
import LanternCore
import LanternTesting
import Testing

@testable import LanternSync

@Suite struct ChainBatchFrameTests {
    let key = P256.Signing.PrivateKey()

    func message() throws -> ChainBatchMessage {
        var events: [ChainEvent] = []
        var previous = ChainDigest.test("ab")
        for seq in UInt64(41)...45 {
            let kind: ChainEvent.Kind = seq == 43 ? .remove : seq == 44 ? .retract : .upsert
            let body: Data? =
                switch kind {
                case .upsert: Data(#"{"id":"\#(seq)"}"#.utf8)
                case .remove: Data(#"{"reason":"entered_in_error","removed_at":1,"type":"url"}"#.utf8)
                default: nil
                }
            var event = ChainEvent(
                origin: Fixtures.alpha.id, scope: .allowlist([Fixtures.bravo.id]), epoch: "e1", seq: seq, signalID: "sig-\(seq)", revision: seq * 2,
                kind: kind, body: body, previousHash: previous)
            if seq == 45 { event = event.purged }
            events.append(event)
            previous = event.hash
        }
        let head = try ChainHead.sign(events.last!, with: key)
        let removal = try ChainHead.sign(events[2], with: key)
        return ChainBatchMessage(batch: ChainBatch(events: events, head: head), originCertificate: "PEM", removalHeads: [removal])
    }

    @Test func aFrameCarriesTheBatchExactly() throws {
        let original = try message()
        let decoded = try ChainBatchFrame.decode(try ChainBatchFrame.encode(original))
        #expect(decoded.batch == original.batch)
        #expect(decoded.originCertificate == original.originCertificate)
        #expect(decoded.removalHeads == original.removalHeads)
        let verifier = ChainVerifier(receiver: Fixtures.bravo, directory: Fixtures.directory)
        let have = ChainPosition(epoch: "e1", seq: 40, hash: .test("ab"))
        guard case .apply(let events, _, _) = verifier.verify(decoded.batch, have: have, originKey: key.publicKey) else {
            Issue.record("the decoded batch does not verify")
            return
        }
        #expect(events.count == 5)
    }

    @Test func everyCutAndEveryLieIsRefusedWithoutCrashing() throws {
        let frame = try ChainBatchFrame.encode(try message())
        for length in 0..<frame.count {
            #expect(throws: ChainBatchFrame.FrameError.self) { try ChainBatchFrame.decode(Array(frame.prefix(length))) }
        }
        #expect(throws: ChainBatchFrame.FrameError.self) { try ChainBatchFrame.decode(frame + [0]) }
        var magic = frame
        magic[0] = UInt8(ascii: "X")
        #expect(throws: ChainBatchFrame.FrameError.self) { try ChainBatchFrame.decode(magic) }
        // Random bytes in every position after the header.
        var generator = SeededGenerator(state: 7)
        let headerEnd = 8 + Int(frame[4]) << 24 + Int(frame[5]) << 16 + Int(frame[6]) << 8 + Int(frame[7])
        for _ in 0..<2000 {
            var corrupt = frame
            let index = Int.random(in: headerEnd..<frame.count, using: &generator)
            corrupt[index] = UInt8.random(in: 0...255, using: &generator)
            // Either it still reads (a changed hash, id or body the verifier then refuses), or it is refused here.
            if let decoded = try? ChainBatchFrame.decode(corrupt) {
                #expect(decoded.batch.events.count == 5)
            }
        }
    }

    @Test func theHeaderIsCheckedToo() throws {
        func frame(header: String) -> [UInt8] {
            var out = Array("LCB1".utf8)
            ChainBatchFrame.append(UInt32(header.utf8.count), to: &out)
            return out + Array(header.utf8)
        }
        let head = String(decoding: try JSONEncoder().encode(try message().batch.head), as: UTF8.self)
        let genesis = ChainEvent.genesis
        #expect(throws: ChainBatchFrame.FrameError.self) { try ChainBatchFrame.decode(frame(header: "{}")) }
        #expect(throws: ChainBatchFrame.FrameError.self) {
            try ChainBatchFrame.decode(
                frame(header: #"{"head":\#(head),"origin_certificate":"","count":100000000,"previous_hash":"\#(genesis)"}"#))
        }
        #expect(throws: ChainBatchFrame.FrameError.self) {
            try ChainBatchFrame.decode(frame(header: #"{"head":\#(head),"origin_certificate":"","count":1,"previous_hash":"zz"}"#))
        }
        let empty = try ChainBatchFrame.decode(
            frame(header: #"{"head":\#(head),"origin_certificate":"","count":0,"previous_hash":"\#(genesis)"}"#))
        #expect(empty.batch.events.isEmpty)
    }
}
