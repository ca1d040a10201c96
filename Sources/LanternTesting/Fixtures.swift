public import Foundation
public import LanternCore
public import LanternStore
public import LanternSync

/// Participants, drafts and stores that tests share.
public enum Fixtures {
    public static let alpha = Participant(id: ParticipantID("alpha")!, role: .tech, financialPoolOptIn: true)
    public static let bravo = Participant(id: ParticipantID("bravo")!, role: .tech)
    public static let charlie = Participant(id: ParticipantID("charlie")!, role: .tech, financialPoolOptIn: true)
    public static let finco = Participant(id: ParticipantID("finco")!, role: .financial)

    public static let directory = ParticipantDirectory([alpha, bravo, charlie, finco])

    /// A fixed clock reading.
    public static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// A valid URL signal draft.
    public static func urlDraft(_ value: String = "https://example.com/a", audience: String = "all") -> SignalDraft {
        var draft = SignalDraft()
        draft.type = "url"
        draft.value = value
        draft.tags = ["csam"]
        draft.severity = "SEVERE"
        draft.reviewStatus = "REVIEWED_MANUALLY"
        draft.audience = AudienceText(audience)
        return draft
    }

    /// A valid PDQ signal draft.
    public static func pdqDraft(_ hex: String = String(repeating: "ab", count: 32)) -> SignalDraft {
        var draft = urlDraft()
        draft.type = "pdq"
        draft.value = hex
        draft.mediaKind = "image"
        draft.quality = 90
        return draft
    }

    /// A valid financial-pool draft.
    public static func financialDraft() -> SignalDraft {
        var draft = urlDraft()
        draft.type = "payment_account"
        draft.value = "$SomeHandle"
        draft.provider = "cashapp"
        draft.tags = ["sextortion", "financial_transaction"]
        draft.audience = "financial"
        draft.transaction = TransactionDraft(date: "2026-10-01", amount: "250.00", currency: "usd", provider: "cashapp")
        return draft
    }

    /// A validator over the fixture participants and the built-in taxonomy.
    public static func validator() -> SignalValidator {
        SignalValidator(taxonomy: .builtIn, directory: directory)
    }

    /// A signal id of `origin`'s made from a counter, so tests can make many distinct ids.
    public static func signalID(_ n: UInt64, at time: Date = now, origin: ParticipantID = alpha.id) -> SignalID {
        SignalID.make(for: origin, milliseconds: UInt64(time.timeIntervalSince1970 * 1000), random: n)
    }

    /// One store per participant, each in a temporary directory of its own (kept alive by the caller).
    public static func stores(for participants: [Participant]) throws -> (directories: [TemporaryDirectory], stores: [NodeStore]) {
        let directories = try participants.map { _ in try TemporaryDirectory() }
        let stores = try zip(directories, participants).map { try store(in: $0, as: $1) }
        return (directories, stores)
    }

    /// A store in `directory`, initialised for `participant`, with the fixture participants.
    public static func store(
        in directory: TemporaryDirectory, as participant: Participant = alpha, synchronous: NodeStore.Synchronous = .full
    ) throws -> NodeStore {
        let store = try NodeStore(path: directory.file("node.sqlite"), synchronous: synchronous)
        try store.directory.initialize(as: participant)
        for other in Fixtures.directory.sorted where other.id != participant.id { try store.directory.saveParticipant(other) }
        return store
    }
}

extension ChainDigest {
    /// A made-up hash for tests that only need distinct ones: SHA-256 of `label`.
    public static func test(_ label: String) -> ChainDigest { .of(Data(label.utf8)) }
}
