public import Foundation
import GRDB
public import LanternCore
import LanternSync

/// Consumers' feedback on signals: this node's reactions to others' signals, and those received on its own.
///
/// Owns `reactions`.
public struct ReactionStore: Sendable {
    let database: NodeStore
    var writer: DatabasePool { database.writer }
}

extension ReactionStore {
    /// Sets this node's reactions to a signal it received, replacing the set it had; an empty set withdraws them.
    /// The chain builder then publishes the set to the signal's origin, and only to it. The caller checked
    /// `AccessPolicy.checkMayReact`; the signal must still be live here.
    public func react(to id: SignalID, kinds: Set<ReactionKind>, now: Date) throws -> Reaction {
        defer { database.localChangeCommitted() }
        let scope = AuditScope.current
        return try writer.write { db in
            let reaction = try Self.setReaction(to: id, kinds: kinds, now: now, in: db)
            if let scope {
                let words = kinds.map(\.rawValue).sorted().joined(separator: ",")
                try AuditStore.append(scope.entry(.reactionSend, targets: [id.rawValue], detail: ["reaction": words]), now: now, in: db)
            }
            return reaction
        }
    }

    /// `react`, in the caller's transaction.
    static func setReaction(to id: SignalID, kinds: Set<ReactionKind>, now: Date, in db: Database) throws -> Reaction {
        let me = try NodeStore.participant(in: db)
        guard let origin = try db.value(String.self, sql: "SELECT origin FROM signals WHERE id = ?", arguments: [id.rawValue]) else {
            throw StoreError.signalNotFound(id.rawValue)
        }
        try db.run(sql: "DELETE FROM reactions WHERE signal_id = ? AND reactor = ?", arguments: [id.rawValue, me.rawValue])
        try db.run(
            sql: "INSERT INTO reactions (signal_id, origin, reactor, revision, reactions, reacted_at) VALUES (?, ?, ?, 0, ?, ?)",
            arguments: [id.rawValue, origin, me.rawValue, Self.text(kinds), now.millisecondsSince1970])
        // The node's revision counter orders its reactions too, so they keep winning after a restore.
        let revision = try SignalStore.currentRevision(db) + 1
        try SignalStore.setRevision(revision, in: db)
        try db.run(sql: "UPDATE reactions SET revision = ? WHERE seq = ?", arguments: [Int64(revision), db.lastInsertedRowID])
        return Reaction(signalID: id, reactor: me, kinds: kinds, revision: revision, reactedAt: now)
    }

    /// Brings this node's reactions to a signal it received up to date with a review decision that sends
    /// `sending` (`ReviewPolicy.reactions`), in the caller's transaction; when nothing changes, nothing is written.
    static func updateReactions(to id: SignalID, sending: Set<ReactionKind>, final: Bool, now: Date, in db: Database) throws {
        let me = try NodeStore.participant(in: db)
        let text = try db.value(
            String.self, sql: "SELECT reactions FROM reactions WHERE signal_id = ? AND reactor = ?", arguments: [id.rawValue, me.rawValue])
        let held = Set((text ?? "").split(separator: ",").compactMap { ReactionKind(rawValue: String($0)) })
        let updated = ReviewPolicy.reactions(holding: held, sending: sending, final: final)
        guard updated != held else { return }
        _ = try setReaction(to: id, kinds: updated, now: now, in: db)
    }

    /// The reactions held on a signal, withdrawn ones left out: every reactor's on this node's own signals, this
    /// node's own on a signal it received.
    public func all(on id: SignalID) throws -> [Reaction] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM reactions WHERE signal_id = ? AND reactions != '' ORDER BY reactor", arguments: [id.rawValue]
            ).compactMap(Self.reaction)
        }
    }

    /// Applies a verified batch of `reactor`'s reactions chain addressed to this node. A reaction counts only
    /// when its signal is live here, is this node's own and `reactor` is in its audience; a later set replaces an
    /// earlier one. The events and position are recorded like any chain's, in the same transaction.
    static func applyReactions(_ events: [ChainEvent], reactor: ParticipantID, summary: inout ChainApplySummary, in db: Database) throws {
        let me = try NodeStore.participant(in: db)
        let reactorEntry = try db.row(sql: "SELECT role, financial_opt_in FROM participants WHERE id = ?", arguments: [reactor.rawValue])
            .flatMap { row in
                ParticipantRole(rawValue: row["role"]).map { Participant(id: reactor, role: $0, financialPoolOptIn: row["financial_opt_in"]) }
            }
        for event in events {
            guard let body = event.body else {
                summary.skipped += 1
                continue
            }
            let reaction: Reaction
            do { reaction = try ReactionWire.decode(body, revision: event.revision) } catch {
                throw ChainBatchError("Event \(event.seq): \(error)")
            }
            guard reaction.signalID.rawValue == event.signalID, reaction.reactor == reactor else {
                throw ChainBatchError("The body of event \(event.seq) does not describe the event (signal or reactor).")
            }
            // Checked here, on receipt, whatever the reactor's node checked before sending.
            guard let row = try db.row(sql: "SELECT origin, audience FROM signals WHERE id = ?", arguments: [event.signalID]),
                row["origin"] as String == me.rawValue, let audience = SignalCodec.audience(from: row["audience"]), let reactorEntry,
                AccessPolicy.mayReceive(audience, origin: me, participant: reactorEntry)
            else {
                summary.skipped += 1
                continue
            }
            if let held = try db.value(
                Int64.self, sql: "SELECT revision FROM reactions WHERE signal_id = ? AND reactor = ?", arguments: [event.signalID, reactor.rawValue]),
                held >= Int64(event.revision)
            {
                summary.skipped += 1
                continue
            }
            try db.run(sql: "DELETE FROM reactions WHERE signal_id = ? AND reactor = ?", arguments: [event.signalID, reactor.rawValue])
            try db.run(
                sql: "INSERT INTO reactions (signal_id, origin, reactor, revision, reactions, reacted_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    event.signalID, me.rawValue, reactor.rawValue, Int64(event.revision), Self.text(reaction.kinds),
                    reaction.reactedAt.millisecondsSince1970,
                ])
            summary.reactions += 1
        }
    }

    /// This node's reaction published as event `revision`, if it is still the current one: the body to serve.
    static func reactionBody(signalID: String, reactor: ParticipantID, revision: UInt64, in db: Database) throws -> Data? {
        guard
            let row = try db.row(
                sql: "SELECT * FROM reactions WHERE signal_id = ? AND reactor = ? AND revision = ?",
                arguments: [signalID, reactor.rawValue, Int64(revision)]),
            let reaction = reaction(row)
        else { return nil }
        return ReactionWire.encode(reaction)
    }

    static func text(_ kinds: Set<ReactionKind>) -> String { kinds.sorted().map(\.rawValue).joined(separator: ",") }

    static func reaction(_ row: Row) -> Reaction? {
        guard let id = SignalID(row["signal_id"] as String), let reactor = ParticipantID(row["reactor"] as String) else { return nil }
        let words = (row["reactions"] as String).split(separator: ",").map(String.init)
        guard let kinds = try? ReactionKind.parse(words) else { return nil }
        return Reaction(
            signalID: id, reactor: reactor, kinds: kinds, revision: UInt64(max(0, row["revision"] as Int64)),
            reactedAt: Date(milliseconds: row["reacted_at"]))
    }
}
