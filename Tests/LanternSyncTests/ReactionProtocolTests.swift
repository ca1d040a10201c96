import Crypto
import Foundation
import LanternCore
import LanternTesting
import Testing

@testable import LanternSync

@Suite struct ReactionProtocolTests {
    let signal = Fixtures.signalID(1)

    @Test func reactionsOnlyGoToTheSignalsOrigin() throws {
        let scope = try #require(Scope("reactions:alpha"))
        #expect(scope == .reactions(to: Fixtures.alpha.id))
        #expect(scope.description == "reactions:alpha")
        #expect(scope.audience == nil)
        #expect(scope.isEntitled(Fixtures.alpha, origin: Fixtures.bravo.id))
        #expect(!scope.isEntitled(Fixtures.charlie, origin: Fixtures.bravo.id))
        #expect(Scope("reactions:") == nil)
        // A signal cannot claim a reactions scope as its audience.
        var body = String(
            decoding: SignalWire.encode(
                try Fixtures.validator().validateNew(
                    Fixtures.urlDraft(), id: signal, author: Fixtures.alpha.id, now: Fixtures.now)), as: UTF8.self)
        body = body.replacingOccurrences(of: #""audience":"all""#, with: #""audience":"reactions:alpha""#)
        #expect(throws: ValidationError.self) { try SignalWire.decode(Data(body.utf8)) }
    }

    @Test func theBodyRoundTripsAndBadBodiesNameTheField() throws {
        let reaction = Reaction(
            signalID: signal, reactor: Fixtures.finco.id, kinds: [.sawThisToo, .helpful], revision: 7, reactedAt: Fixtures.now)
        let body = ReactionWire.encode(reaction)
        #expect(String(decoding: body, as: UTF8.self).contains(#""reactions":["HELPFUL","SAW_THIS_TOO"]"#))
        #expect(try ReactionWire.decode(body, revision: 7) == reaction)
        let bad = String(decoding: body, as: UTF8.self).replacingOccurrences(of: "HELPFUL", with: "LOVE_IT")
        #expect(throws: ValidationError(field: "reactions", reason: "'LOVE_IT' is not a reaction: use one of \(ReactionKind.list).")) {
            try ReactionWire.decode(Data(bad.utf8), revision: 7)
        }
        #expect(throws: ValidationError.self) { try ReactionWire.decode(Data("[]".utf8), revision: 7) }
    }

    func reactionChain(from reactor: ParticipantID, to target: ParticipantID, kind: ChainEvent.Kind = .upsert) -> ChainBuilder {
        var builder = ChainBuilder(origin: reactor, scope: .reactions(to: target))
        let body = ReactionWire.encode(
            Reaction(signalID: signal, reactor: reactor, kinds: [.helpful], revision: 1, reactedAt: Fixtures.now))
        builder.append(kind, signal: signal.rawValue, body: String(decoding: body, as: UTF8.self))
        return builder
    }

    @Test func aFinancialInstitutionMayReactButNotAuthor() throws {
        let alpha = ChainVerifier(receiver: Fixtures.alpha, directory: Fixtures.directory)
        let reactions = reactionChain(from: Fixtures.finco.id, to: Fixtures.alpha.id)
        guard case .apply = alpha.verify(try reactions.batch(1...1), have: nil, originKey: reactions.key.publicKey) else {
            Issue.record("finco's reactions to alpha were not accepted"); return
        }
        // Its reactions chain may hold nothing but reactions: no removal in anyone's name.
        let removal = reactionChain(from: Fixtures.finco.id, to: Fixtures.alpha.id, kind: .remove)
        guard case .refused = alpha.verify(try removal.batch(1...1), have: nil, originKey: removal.key.publicKey) else {
            Issue.record("a removal in a reactions chain was accepted"); return
        }
        // Reactions addressed to another participant are not for alpha.
        let elsewhere = reactionChain(from: Fixtures.bravo.id, to: Fixtures.charlie.id)
        guard case .refused = alpha.verify(try elsewhere.batch(1...1), have: nil, originKey: elsewhere.key.publicKey) else {
            Issue.record("reactions to charlie were accepted by alpha"); return
        }
    }

    @Test func whoMayReact() throws {
        let validator = Fixtures.validator()
        let everyone = try validator.validateNew(Fixtures.urlDraft(), id: signal, author: Fixtures.alpha.id, now: Fixtures.now)
        let pilot = try validator.validateNew(Fixtures.urlDraft(audience: "bravo"), id: signal, author: Fixtures.alpha.id, now: Fixtures.now)
        let pool = try validator.validateNew(Fixtures.financialDraft(), id: signal, author: Fixtures.alpha.id, now: Fixtures.now)
        #expect(throws: PolicyError.ownSignal(Fixtures.alpha.id)) { try AccessPolicy.checkMayReact(to: everyone, reactor: Fixtures.alpha) }
        try AccessPolicy.checkMayReact(to: everyone, reactor: Fixtures.bravo)
        try AccessPolicy.checkMayReact(to: pilot, reactor: Fixtures.bravo)
        #expect(throws: PolicyError.notInAudience(Fixtures.charlie.id)) { try AccessPolicy.checkMayReact(to: pilot, reactor: Fixtures.charlie) }
        try AccessPolicy.checkMayReact(to: pool, reactor: Fixtures.finco)
        #expect(throws: PolicyError.notInAudience(Fixtures.finco.id)) { try AccessPolicy.checkMayReact(to: everyone, reactor: Fixtures.finco) }
    }
}
