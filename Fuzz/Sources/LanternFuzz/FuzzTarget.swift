import Foundation

/// One decoder and the properties it must keep on any input: never trap, and agree with its twin where it has one.
/// The binary runs the target named by `LANTERN_FUZZ_TARGET`.
enum FuzzTarget: String, CaseIterable {
    /// `ChainBatchFrame.decode`, and a decoded frame encodes back to a frame that decodes to the same.
    case frame
    /// `SignalWire.decode`; the hand-written parser and `JSONDecoder` read the same body alike.
    case signalWire = "signal-wire"
    /// Peer messages read with `JSONDecoder`: chain lists, batches, removal proofs, reactions, removal bodies.
    case messages
    /// Values of every type normalised as a draft's are; a normal form is its own normal form.
    case values
    /// URL canonicalisation and host names; canonical forms are fixed points.
    case url
    /// Registry bundles and signed registries, node certificates (DER) and identity URIs.
    case registry
    /// Tags and UTF-8 text: the byte-level readers against their character-level twins.
    case text
    /// Imported draft lines: `DraftParser` against `JSONDecoder`, and the repeated-key check.
    case draft
    /// CSV imports turned into JSON lines (`CSVToJSONLines`), fed in pieces.
    case csv

    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["LANTERN_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("Set LANTERN_FUZZ_TARGET to one of: \(names).\n".utf8))
            exit(2)
        }
        return target
    }()
}

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    switch FuzzTarget.selected {
    case .frame: Targets.frame(bytes)
    case .signalWire: Targets.signalWire(bytes)
    case .messages: Targets.messages(bytes)
    case .values: Targets.values(bytes)
    case .url: Targets.url(bytes)
    case .registry: Targets.registry(bytes)
    case .text: Targets.text(bytes)
    case .draft: Targets.draft(bytes)
    case .csv: Targets.csv(bytes)
    }
    return 0
}

/// A property that failed: libFuzzer keeps the input that made it fail.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        FileHandle.standardError.write(Data("Property failed: \(message())\n".utf8))
        abort()
    }
}
