import Foundation
import LanternCore
import LanternPKI
import LanternWire
import X509

@testable import LanternSync

/// The fuzz targets: each reads arbitrary bytes as a peer or a user could send them.
enum Targets {
    static func frame(_ bytes: [UInt8]) {
        guard let message = try? ChainBatchFrame.decode(bytes) else { return }
        _ = message.batch.eventsAreIntact
        _ = message.batch.decodedSignals()
        _ = EventApplier.plan(message.batch.events) { _ in .absent }
        // What decodes encodes again, to a frame that reads back the same.
        guard let encoded = try? ChainBatchFrame.encode(message) else { return }
        guard let again = try? ChainBatchFrame.decode(encoded) else { return require(false, "a frame this node wrote does not decode") }
        require(
            again.batch == message.batch && again.originCertificate == message.originCertificate
                && again.removalHeads == message.removalHeads, "a frame does not read back as written")
    }

    static func signalWire(_ bytes: [UInt8]) {
        let data = Data(bytes)
        _ = try? SignalWire.decode(data)
        // The hand-written parser either gives up or reads what JSONDecoder reads.
        guard let fast = SignalWire.parse(data) else { return }
        require(JSONRepeatedKeys.first(in: bytes) == nil, "the fast parser read a body with a repeated key")
        let general = try? SignalWire.decoder.decode(SignalWire.self, from: data)
        require(general == fast, "the fast parser and JSONDecoder read a body differently")
        if let signal = try? fast.signal(limits: .init()) {
            // A valid body is canonical once written: it decodes again to the same signal.
            require((try? SignalWire.decode(SignalWire.encode(signal))) == signal, "a signal does not survive its own encoding")
        }
    }

    static func messages(_ bytes: [UInt8]) {
        let data = Data(bytes)
        let decoder = JSONDecoder()
        if let list = try? decoder.decode(ChainListMessage.self, from: data) {
            for entry in list.chains { require(entry.seq <= UInt64(Int64.max), "a chain list entry past 2^63 - 1 was read") }
        }
        if let message = try? decoder.decode(ChainBatchMessage.self, from: data) {
            _ = message.batch.eventsAreIntact
            _ = message.batch.decodedSignals()
            _ = EventApplier.plan(message.batch.events) { _ in .absent }
        }
        if let proofs = try? decoder.decode(RemovalProofsMessage.self, from: data) {
            _ = proofs.proofs.map { $0.event.bodyMatchesDigest && $0.event.hashIsValid }
        }
        _ = try? ReactionWire.decode(data, revision: 1)
        if let hello = try? decoder.decode(HelloMessage.self, from: data), let version = hello.registryVersion {
            require(version <= UInt64(Int64.max), "a hello's registry version past 2^63 - 1 was read")
        }
    }

    static func values(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        let types = SignalType.allCases
        let type = types[Int(selector) % types.count]
        let raw = String(decoding: bytes.dropFirst(), as: UTF8.self)
        var attributes = SignalAttributes()
        switch type {
        case .paymentAccount: attributes.provider = "cashapp"
        case .username: attributes.platform = "example"
        case .pdq, .md5, .sha1, .sha256, .photodna, .tmk: attributes.mediaKind = .image
        default: break
        }
        _ = try? ValueNormalizer.normalize(type: type, raw: raw, attributes: attributes)
    }

    static func url(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let canonical = try? URLCanonicalizer.canonicalize(text) {
            // A canonical URL is its own canonical form: receivers check values are in normal form.
            let again = try? URLCanonicalizer.canonicalize(canonical.string)
            require(again == canonical, "the canonical form of \(text.debugDescription) is not a fixed point")
        }
        if let host = try? HostName.normalize(text) {
            require((try? HostName.normalize(host)) == host, "the normal form of host \(text.debugDescription) is not a fixed point")
        }
    }

    static func registry(_ bytes: [UInt8]) {
        if let bundle = try? RegistryBundle.decode(Data(bytes)) {
            for signed in bundle.registries { _ = Data(base64Encoded: signed.payload) }
        }
        _ = try? JSONDecoder().decode(ParticipantRegistry.self, from: Data(bytes))
        if let certificate = try? Certificate(derEncoded: bytes) { _ = try? ParticipantIdentity(certificate: certificate) }
        _ = try? ParticipantIdentity(uri: String(decoding: bytes, as: UTF8.self))
    }

    static func text(_ bytes: [UInt8]) {
        // The ASCII fast path of UTF-8 validation against the standard library's.
        let fast = UTF8Text.string(validating: bytes[...])
        let general = String(validating: bytes, as: UTF8.self)
        require(fast == general, "UTF8Text and String(validating:) disagree")
        // Tags: the byte-level reader against the character-level one, on text both read.
        guard let text = general else { return }
        _ = SignalWire.parseTag(text)
        if bytes.allSatisfy({ $0 < 0x80 }) {
            require(SignalWire.parseTag(text) == SignalWire.parseTagByCharacter(text), "the tag readers disagree on \(text.debugDescription)")
        }
        _ = ParticipantID(text)
        _ = SignalID(text)
        _ = Scope(text)
    }

    static func draft(_ bytes: [UInt8]) {
        _ = JSONRepeatedKeys.first(in: bytes)
        // The hand-written reader either gives up or reads what JSONDecoder reads, and never a repeated key.
        guard let fast = bytes.withUnsafeBufferPointer({ DraftParser.parse($0) }) else { return }
        require(JSONRepeatedKeys.first(in: bytes) == nil, "the draft reader read a line with a repeated key")
        require((try? JSONDecoder().decode(SignalDraft.self, from: Data(bytes))) == fast, "the draft reader and JSONDecoder read a line differently")
    }

    static func csv(_ bytes: [UInt8]) {
        // Fed in two pieces split where the first byte says, as a stream arrives.
        let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
        let converter = CSVToJSONLines()
        guard let head = try? converter.feed(Data(bytes[..<split])), let tail = try? converter.feed(Data(bytes[split...])),
            let end = try? converter.finish()
        else { return }
        let out = head + tail + end
        // One output line per input line, so the node's line numbers are the file's.
        if bytes.last == 0x0A {
            require(out.filter { $0 == 0x0A }.count == bytes.filter { $0 == 0x0A }.count, "a CSV line became more or fewer JSON lines")
        }
        for line in out.split(separator: 0x0A) {
            require((try? JSONSerialization.jsonObject(with: Data(line))) is [String: Any], "a CSV record became a line that is not a JSON object")
        }
    }
}
