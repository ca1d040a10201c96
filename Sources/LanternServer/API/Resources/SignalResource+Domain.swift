import Foundation
import LanternAPI
import LanternCore

extension SignalResource {
    /// The signal as the API returns it.
    init(_ signal: Signal) {
        let attributes = signal.value.attributes
        let context = signal.context
        var audience = "all"
        var allowlist: [String]?
        switch signal.audience {
        case .all: audience = "all"
        case .financial: audience = "financial"
        case .allowlist(let members):
            audience = "allowlist"
            allowlist = members.sorted().map(\.rawValue)
        }
        self.init(
            id: signal.id.rawValue, origin: signal.origin.rawValue, revision: signal.revision, type: signal.type.rawValue,
            value: signal.value.normalized, rawValue: signal.value.raw, platform: attributes.platform, provider: attributes.provider,
            mediaKind: attributes.mediaKind?.rawValue, quality: attributes.quality, language: attributes.language,
            pathPrefix: attributes.pathPrefix, tags: signal.tags.map(\.description), taxonomyVersion: signal.taxonomyVersion,
            severity: signal.severity.rawValue, reviewStatus: signal.reviewStatus.rawValue, audience: audience, allowlist: allowlist,
            createdAt: Timestamp.format(signal.createdAt), updatedAt: Timestamp.format(signal.updatedAt),
            expiresAt: Timestamp.format(signal.expiresAt), description: context.description, confidence: context.confidence,
            firstSeen: context.firstSeen.map(Timestamp.format), lastSeen: context.lastSeen.map(Timestamp.format),
            related: context.related.isEmpty ? nil : context.related,
            transaction: context.transaction.map {
                Transaction(date: Timestamp.format($0.date), amount: $0.amount, currency: $0.currency, provider: $0.provider)
            })
    }
}

extension RemovalResource {
    /// What remains of a removed signal, as the API returns it.
    init(_ record: RemovalRecord) {
        self.init(id: record.id.rawValue, type: record.type.rawValue, removedAt: Timestamp.format(record.removedAt), reason: record.reason.rawValue)
    }
}
