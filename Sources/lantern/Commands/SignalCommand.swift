import ArgumentParser
import Foundation
import LanternAPI
import LanternClient
import LanternCore
import NIOHTTP1

struct SignalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signal",
        abstract: "Add, import, list, show, update, remove and react to signals on the running node.",
        subcommands: [
            SignalAdd.self, SignalImport.self, SignalList.self, SignalShow.self, SignalUpdate.self, SignalRemove.self, SignalReact.self,
            SignalReactions.self,
        ])
}

/// The fields of a signal, as options. Unset options are left out of the request.
struct SignalFieldOptions: ParsableArguments {
    @Option(name: .customLong("tag"), help: "A taxonomy tag (repeatable), such as csam or platform:discord.")
    var tags: [String] = []
    @Option(help: "INFO, WARNING, SUSPICIOUS, SEVERE or APOCALYPSE.")
    var severity: String?
    @Option(help: "UNREVIEWED, PENDING, REVIEWED_AUTOMATICALLY or REVIEWED_MANUALLY.")
    var reviewStatus: String?
    @Option(help: "all, financial, or participant ids separated by commas (an allowlist).")
    var audience: String?
    @Option(help: "PDQ quality, 0 to 100.")
    var quality: Int?
    @Option(help: "For URLs: true to also match URLs under this path.")
    var pathPrefix: Bool?
    @Option(help: "Free-text context.")
    var description: String?
    @Option(help: "Confidence, 0 to 100.")
    var confidence: Int?
    @Option(help: "When first seen (RFC 3339 or YYYY-MM-DD).")
    var firstSeen: String?
    @Option(help: "When last seen (RFC 3339 or YYYY-MM-DD).")
    var lastSeen: String?
    @Option(name: .customLong("related"), help: "A related signal id (repeatable).")
    var related: [String] = []
    @Option(help: "Financial pool: the transaction's date.")
    var transactionDate: String?
    @Option(help: "Financial pool: the amount, such as 250.00.")
    var transactionAmount: String?
    @Option(help: "Financial pool: the ISO 4217 currency, such as USD.")
    var transactionCurrency: String?
    @Option(help: "Financial pool: the payment provider.")
    var transactionProvider: String?
    @Option(help: "Expire earlier than the retention period (RFC 3339).")
    var expiresAt: String?

    func apply(to draft: inout SignalDraft) {
        if !tags.isEmpty { draft.tags = tags }
        draft.severity = severity
        draft.reviewStatus = reviewStatus
        draft.audience = audience.map { AudienceText($0) }
        draft.quality = quality
        draft.pathPrefix = pathPrefix
        draft.description = description
        draft.confidence = confidence
        draft.firstSeen = firstSeen
        draft.lastSeen = lastSeen
        if !related.isEmpty { draft.related = related }
        if transactionDate != nil || transactionAmount != nil || transactionCurrency != nil || transactionProvider != nil {
            draft.transaction = TransactionDraft(
                date: transactionDate, amount: transactionAmount, currency: transactionCurrency, provider: transactionProvider)
        }
        draft.expiresAt = expiresAt
    }
}

struct SignalAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add one signal and print its id.")

    @OptionGroup var client: ClientOptions
    @Option(help: "The type: \(SignalType.namesList).")
    var type: String
    @Option(help: "The value: a URL, hash, account identifier or keyword.")
    var value: String
    @Option(help: "For usernames: the platform, such as discord.")
    var platform: String?
    @Option(help: "For payment accounts: the provider, such as paypal or bitcoin.")
    var provider: String?
    @Option(help: "For hashes: image, video, audio, document or other.")
    var mediaKind: String?
    @Option(help: "For keywords: the BCP 47 language, such as en.")
    var language: String?
    @OptionGroup var fields: SignalFieldOptions

    func run() async throws {
        try await exitOnFailure {
            var draft = SignalDraft()
            draft.type = type
            draft.value = value
            draft.platform = platform
            draft.provider = provider
            draft.mediaKind = mediaKind
            draft.language = language
            fields.apply(to: &draft)
            let reply = try await client.client().send(.POST, "/v1/signals", json: try JSONEncoder().encode(draft))
            if client.json { return printJSON(reply.body) }
            print(try reply.decode(SignalResource.self).id)
        }
    }
}

struct SignalUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change tags, severity, review status, audience or context of one of this node's signals.")

    @OptionGroup var client: ClientOptions
    @Argument(help: "The signal's id.")
    var id: String
    @OptionGroup var fields: SignalFieldOptions

    func run() async throws {
        try await exitOnFailure {
            var draft = SignalDraft()
            fields.apply(to: &draft)
            let reply = try await client.client().send(.PATCH, "/v1/signals/\(queryEscape(id))", json: try JSONEncoder().encode(draft))
            if client.json { return printJSON(reply.body) }
            let signal = try reply.decode(SignalResource.self)
            print("Updated \(signal.id) (revision \(signal.revision)).")
        }
    }
}

struct SignalRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove one of this node's signals; only its type, date and reason remain.")

    @OptionGroup var client: ClientOptions
    @Argument(help: "The signal's id.")
    var id: String
    @Option(help: "Why: \(RemovalReason.allCases.map(\.rawValue).joined(separator: ", ")).")
    var reason: String

    func run() async throws {
        try await exitOnFailure {
            let reply = try await client.client().send(.DELETE, "/v1/signals/\(queryEscape(id))?reason=\(queryEscape(reason))")
            if client.json { return printJSON(reply.body) }
            print("Removed \(id).")
        }
    }
}

struct SignalShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one signal.")

    @OptionGroup var client: ClientOptions
    @Argument(help: "The signal's id.")
    var id: String

    func run() async throws {
        try await exitOnFailure {
            // A removed signal answers 410 with what remains of it: its type, date and reason.
            let reply = try await client.client().send(.GET, "/v1/signals/\(queryEscape(id))", accepting: [410])
            printJSON(reply.body)
            if reply.status == 410 { throw ExitCode(ClientError.Code.notFound.rawValue) }
        }
    }
}
