public import Foundation
public import LanternCore
public import LanternStore

/// The benchmarks' synthetic signals: a quarter each URLs, PDQ hashes, emails and usernames, with tags, severities
/// and audiences like real ones. Signal `i` is always the same, so runs of different builds see the same workload.
public enum SyntheticSignals {
    /// The PDQ hash of signal `i`, as four words: spread over all 256 bits, as real hashes are.
    public static func pdqWords(_ i: Int) -> (UInt64, UInt64, UInt64, UInt64) {
        func mix(_ k: Int) -> UInt64 {  // splitmix64's finaliser
            var z = UInt64(k) &* 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return (mix(4 * i), mix(4 * i + 1), mix(4 * i + 2), mix(4 * i + 3))
    }

    public static func line(_ i: Int) -> String {
        switch i % 4 {
        case 0:
            return
                #"{"type":"url","value":"https://host-\#(i % 9973).example/path/\#(i)?ref=\#(i * 7)","tags":["csam"],"severity":"SEVERE","review_status":"REVIEWED_MANUALLY","audience":"all"}"#
        case 1:
            let words = pdqWords(i)
            let hex = String(format: "%016llx%016llx%016llx%016llx", words.0, words.1, words.2, words.3)
            return
                #"{"type":"pdq","value":"\#(hex)","media_kind":"image","quality":90,"tags":["csam","b1"],"severity":"SEVERE","review_status":"REVIEWED_MANUALLY","audience":"all"}"#
        case 2:
            return
                #"{"type":"email","value":"user\#(i)@mail-\#(i % 101).example","tags":["sextortion","platform:discord"],"severity":"SEVERE","review_status":"REVIEWED_MANUALLY","audience":"all"}"#
        default:
            return
                #"{"type":"username","value":"user_\#(i)","platform":"discord","tags":["grooming_sexual"],"severity":"WARNING","review_status":"PENDING","audience":"all"}"#
        }
    }

    /// Signals `range` as `origin`'s own, validated as an import validates them.
    public static func signals(_ range: Range<Int>, origin: Participant = Fixtures.alpha, now: Date = Date()) throws -> [Signal] {
        let validator = Fixtures.validator()
        let decoder = JSONDecoder()
        return try range.map { i in
            let draft = try decoder.decode(SignalDraft.self, from: Data(line(i).utf8))
            return try validator.validateNew(draft, id: Fixtures.signalID(UInt64(i), at: now, origin: origin.id), author: origin.id, now: now)
        }
    }

    /// Stores signals `0..<count` as `origin`'s own, in batches of 5,000, as an import does.
    public static func store(_ count: Int, in store: NodeStore, origin: Participant = Fixtures.alpha, now: Date = Date()) throws {
        for start in stride(from: 0, to: count, by: 5000) {
            try store.signals.addLocal(signals(start..<min(start + 5000, count), origin: origin, now: now))
        }
    }
}
