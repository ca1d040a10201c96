import Foundation
import LanternCore
import LanternWire

/// The binary form of a `ChainBatchMessage`, media type `application/vnd.lantern.chain-batch`: the same content as
/// the JSON form, with each body as raw bytes instead of base64 inside JSON, so a full sync spends its time on
/// verifying and storing signals, not on decoding their envelope. `docs/protocol.md` section 4 specifies it.
///
/// ```
/// "LCB1"
/// u32 header length, header (JSON: head, origin_certificate, removal_heads, count, previous_hash)
/// count × event:
///   u64 seq, u64 revision, u8 kind, u16 signal id length, signal id (UTF-8),
///   32 bytes body digest, 32 bytes hash, u32 body length (0xFFFFFFFF: no body), body
/// ```
/// Integers are big-endian. Each event's origin, scope and epoch are the head's, and its previous hash is the hash
/// of the event before it (the header's `previous_hash` for the first).
public enum ChainBatchFrame {
    public static let mediaType = "application/vnd.lantern.chain-batch"
    static let magic: [UInt8] = Array("LCB1".utf8)
    static let noBody: UInt32 = 0xFFFF_FFFF
    /// More events than any node serves in one batch.
    public static let maxEvents = 100_000

    struct Header: Codable {
        var head: ChainHead
        var originCertificate: String
        var removalHeads: [ChainHead]?
        var count: Int
        var previousHash: ChainDigest

        enum CodingKeys: String, CodingKey {
            case head, count
            case originCertificate = "origin_certificate"
            case removalHeads = "removal_heads"
            case previousHash = "previous_hash"
        }
    }

    /// Why a frame could not be read.
    public struct FrameError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Encodes a batch whose events all belong to its head's chain and are contiguous.
    public static func encode(_ message: ChainBatchMessage) throws -> [UInt8] {
        let events = message.batch.events
        let header = Header(
            head: message.batch.head, originCertificate: message.originCertificate, removalHeads: message.removalHeads, count: events.count,
            previousHash: events.first?.previousHash ?? ChainEvent.genesis)
        let headerBytes = try JSONEncoder().encode(header)
        var out: [UInt8] = []
        out.reserveCapacity(headerBytes.count + events.count * 600)
        out += magic
        append(UInt32(headerBytes.count), to: &out)
        out += headerBytes
        for event in events {
            append(event.seq, to: &out)
            append(event.revision, to: &out)
            out.append(kindCode(event.kind))
            let id = Array(event.signalID.utf8)
            append(UInt16(min(id.count, Int(UInt16.max))), to: &out)
            out += id.prefix(Int(UInt16.max))
            event.bodyDigest.append(to: &out)
            event.hash.append(to: &out)
            if let body = event.body {
                append(UInt32(body.count), to: &out)
                out += body
            } else {
                append(noBody, to: &out)
            }
        }
        return out
    }

    /// Decodes a frame from a peer. Every length is checked against what remains, so no input can read past the
    /// end or allocate more than the frame's own size; the events' hashes are left for `ChainVerifier` to check.
    public static func decode(_ bytes: [UInt8]) throws(FrameError) -> ChainBatchMessage {
        var reader = Reader(bytes: bytes)
        guard try reader.take(4) == magic[...] else { throw FrameError("The frame does not start with LCB1.") }
        let headerLength = Int(try reader.uint32())
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(try reader.take(headerLength))) } catch let error as FrameError {
            throw error
        } catch { throw FrameError("The frame's header is not valid: \(error)") }
        guard (0...maxEvents).contains(header.count) else { throw FrameError("The frame holds \(header.count) events, more than \(maxEvents).") }
        let head = header.head
        var events: [ChainEvent] = []
        // Each event takes at least 87 bytes of the frame: no count can make this reserve more than the frame holds.
        events.reserveCapacity(min(header.count, (bytes.count - reader.offset) / 87))
        var previous = header.previousHash
        for index in 0..<header.count {
            let seq = try reader.uint64()
            let revision = try reader.uint64()
            guard WireBounds.isCounter(seq), WireBounds.isCounter(revision) else {
                throw FrameError("Event \(index)'s sequence number or revision is larger than 2^63 - 1.")
            }
            guard let kind = kind(try reader.uint8()) else { throw FrameError("Event \(index) has an unknown kind.") }
            let idLength = Int(try reader.uint16())
            guard let signalID = UTF8Text.string(validating: try reader.take(idLength)) else {
                throw FrameError("Event \(index)'s signal id is not UTF-8.")
            }
            let digest = try reader.digest()
            let hash = try reader.digest()
            let bodyLength = try reader.uint32()
            let body = bodyLength == noBody ? nil : Data(try reader.take(Int(bodyLength)))
            events.append(
                ChainEvent(
                    origin: head.origin, scope: head.scope, epoch: head.epoch, seq: seq, signalID: signalID, revision: revision, kind: kind,
                    bodyDigest: digest, body: body, previousHash: previous, hash: hash))
            previous = hash
        }
        guard reader.atEnd else { throw FrameError("The frame has bytes after its last event.") }
        return ChainBatchMessage(
            batch: ChainBatch(events: events, head: head), originCertificate: header.originCertificate, removalHeads: header.removalHeads)
    }

    static func kindCode(_ kind: ChainEvent.Kind) -> UInt8 {
        switch kind {
        case .upsert: 0
        case .remove: 1
        case .retract: 2
        case .snapshot: 3
        }
    }

    static func kind(_ code: UInt8) -> ChainEvent.Kind? {
        switch code {
        case 0: .upsert
        case 1: .remove
        case 2: .retract
        case 3: .snapshot
        default: nil
        }
    }

    static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { out += $0 }
    }

    /// Reads a frame front to back, refusing any read past its end.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var atEnd: Bool { offset == bytes.count }

        mutating func take(_ count: Int) throws(FrameError) -> ArraySlice<UInt8> {
            guard count >= 0, count <= bytes.count - offset else {
                throw FrameError("The frame ends early: \(count) bytes wanted at offset \(offset) of \(bytes.count).")
            }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }

        mutating func integer<T: FixedWidthInteger>(_: T.Type) throws(FrameError) -> T {
            var value: T = 0
            for byte in try take(MemoryLayout<T>.size) { value = value << 8 | T(byte) }
            return value
        }

        mutating func digest() throws(FrameError) -> ChainDigest {
            try take(32).withUnsafeBytes { ChainDigest(bytes: $0)! }
        }

        mutating func uint8() throws(FrameError) -> UInt8 { try integer(UInt8.self) }
        mutating func uint16() throws(FrameError) -> UInt16 { try integer(UInt16.self) }
        mutating func uint32() throws(FrameError) -> UInt32 { try integer(UInt32.self) }
        mutating func uint64() throws(FrameError) -> UInt64 { try integer(UInt64.self) }
    }
}
