public import Foundation
public import LanternCore
import LanternWire

/// Writes signal JSON by hand: the canonical form of the protocol (sorted keys, dates as milliseconds, absent
/// fields left out), which is also what `JSONEncoder` with sorted keys writes, several times faster. Imports
/// write a row and an event body per signal, so this is on the hot path.
public enum CompactJSON {
    public static func attributes(_ a: SignalAttributes) -> String {
        var out = "{"
        var first = true
        func key(_ name: String) {
            if !first { out += "," }
            first = false
            out += "\"\(name)\":"
        }
        if let v = a.language { key("language"); JSONText.appendString(v, to: &out) }
        if let v = a.mediaKind { key("media_kind"); JSONText.appendString(v.rawValue, to: &out) }
        if let v = a.pathPrefix { key("path_prefix"); out += v ? "true" : "false" }
        if let v = a.platform { key("platform"); JSONText.appendString(v, to: &out) }
        if let v = a.provider { key("provider"); JSONText.appendString(v, to: &out) }
        if let v = a.quality { key("quality"); out += String(v) }
        out += "}"
        return out
    }

    public static func strings(_ values: [String]) -> String {
        var out = "["
        for (i, value) in values.enumerated() {
            if i > 0 { out += "," }
            JSONText.appendString(value, to: &out)
        }
        out += "]"
        return out
    }

    public static func context(_ c: SignalContext) -> String {
        var out = "{"
        if let v = c.confidence { out += "\"confidence\":\(v)," }
        if let v = c.description { out += "\"description\":"; JSONText.appendString(v, to: &out); out += "," }
        if let v = c.firstSeen { out += "\"first_seen\":\(milliseconds(v))," }
        if let v = c.lastSeen { out += "\"last_seen\":\(milliseconds(v))," }
        out += "\"related\":" + strings(c.related)
        if let t = c.transaction {
            out += ",\"transaction\":{\"amount\":"
            JSONText.appendString(t.amount, to: &out)
            out += ",\"currency\":"
            JSONText.appendString(t.currency, to: &out)
            out += ",\"date\":\(milliseconds(t.date)),\"provider\":"
            JSONText.appendString(t.provider, to: &out)
            out += "}"
        }
        out += "}"
        return out
    }

    public static func milliseconds(_ date: Date) -> String {
        let ms = date.timeIntervalSince1970 * 1000
        if ms == ms.rounded(), let whole = Int64(exactly: ms) { return String(whole) }
        return String(ms)
    }
}

extension CompactJSON {
    static func wholeMilliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// The canonical body of a signal, as `SignalWire` defines it.
    public static func signal(_ signal: Signal) -> String {
        CanonicalSignalBody.text(
            attributes: attributes(signal.value.attributes), audience: Scope(signal.audience).description, context: context(signal.context),
            createdAt: wholeMilliseconds(signal.createdAt), expiresAt: wholeMilliseconds(signal.expiresAt), id: signal.id.rawValue,
            origin: signal.origin.rawValue, rawValue: signal.value.raw, reviewStatus: signal.reviewStatus.rawValue, revision: signal.revision,
            severity: signal.severity.rawValue, tags: strings(signal.tags.map { $0.description }), taxonomyVersion: signal.taxonomyVersion,
            type: signal.type.rawValue, updatedAt: wholeMilliseconds(signal.updatedAt), value: signal.value.normalized)
    }
}
