import Foundation
import LanternTesting
import Testing

@testable import LanternCore

@Suite struct SignalValidatorTests {
    let validator = Fixtures.validator()
    let now = Fixtures.now
    let id = Fixtures.signalID(1)

    func refusal(_ draft: SignalDraft, author: ParticipantID = Fixtures.alpha.id) -> ValidationError? {
        do {
            _ = try validator.validateNew(draft, id: id, author: author, now: now)
            return nil
        } catch {
            return error
        }
    }

    @Test func aValidDraftBecomesASignal() throws {
        var draft = Fixtures.urlDraft("HTTPS://Example.com/a#frag")
        draft.tags = ["platform:Discord", "CSAM", "csam"]
        draft.description = "seen in a group chat"
        draft.confidence = 80
        let signal = try validator.validateNew(draft, id: id, author: Fixtures.alpha.id, now: now)
        #expect(signal.value.normalized == "https://example.com/a")
        #expect(signal.value.raw == "HTTPS://Example.com/a#frag")
        #expect(signal.tags == [TagRef(id: "csam"), TagRef(id: "platform", parameter: "discord")])
        #expect(signal.taxonomyVersion == "2024.1")
        #expect(signal.severity == .severe)
        #expect(signal.audience == .all)
        #expect(signal.expiresAt == now.addingTimeInterval(365 * 86_400))
        #expect(signal.context.confidence == 80)
    }

    @Test func unknownTypeAndMalformedValuesNameTheField() {
        var draft = Fixtures.urlDraft()
        draft.type = "ipaddress"
        #expect(refusal(draft)?.field == "type")
        draft.type = nil
        #expect(refusal(draft)?.field == "type")
        #expect(refusal(Fixtures.pdqDraft("abc"))?.field == "value")
        #expect(refusal(Fixtures.urlDraft("https://"))?.field == "value")
        var email = Fixtures.urlDraft("no-at-sign")
        email.type = "email"
        #expect(refusal(email)?.field == "value")
    }

    @Test func tagsNeedAPrimaryAndMustBeKnown() {
        var draft = Fixtures.urlDraft()
        draft.tags = []
        #expect(refusal(draft)?.field == "tags")
        draft.tags = nil
        #expect(refusal(draft)?.field == "tags")
        draft.tags = ["platform:discord", "reported_to_authority"]
        #expect(refusal(draft)?.reason.contains("Supplemental") == true)
        draft.tags = ["csam", "csma_generative"]
        let unknown = refusal(draft)
        #expect(unknown?.field == "tags[1]")
        #expect(unknown?.reason.contains("csam_generative") == true)
    }

    @Test func severityAndReviewStatusAreRequired() {
        var draft = Fixtures.urlDraft()
        draft.severity = nil
        #expect(refusal(draft)?.field == "severity")
        draft.severity = "HIGH"
        #expect(refusal(draft)?.field == "severity")
        draft = Fixtures.urlDraft()
        draft.reviewStatus = nil
        #expect(refusal(draft)?.field == "review_status")
    }

    @Test func audiencesNameKnownTechParticipants() throws {
        #expect(refusal(Fixtures.urlDraft(audience: "bravo,zulu"))?.reason.contains("zulu") == true)
        #expect(refusal(Fixtures.urlDraft(audience: "finco"))?.field == "audience")
        #expect(refusal(Fixtures.urlDraft(audience: "alpha"))?.field == "audience")
        #expect(refusal(Fixtures.urlDraft(audience: "Not An Id"))?.field == "audience")
        let pilot = try validator.validateNew(Fixtures.urlDraft(audience: "bravo"), id: id, author: Fixtures.alpha.id, now: now)
        #expect(pilot.audience == .allowlist([Fixtures.bravo.id]))
    }

    @Test func theFinancialPoolNeedsTheTagAndTransactionDetails() throws {
        let signal = try validator.validateNew(Fixtures.financialDraft(), id: id, author: Fixtures.alpha.id, now: now)
        #expect(signal.audience == .financial)
        #expect(signal.context.transaction?.currency == "USD")
        var draft = Fixtures.financialDraft()
        draft.transaction = nil
        #expect(refusal(draft)?.field == "transaction")
        draft = Fixtures.financialDraft()
        draft.tags = ["sextortion"]
        #expect(refusal(draft)?.reason.contains("financial_transaction") == true)
        draft = Fixtures.financialDraft()
        draft.transaction?.currency = "dollars"
        #expect(refusal(draft)?.field == "transaction.currency")
        draft = Fixtures.financialDraft()
        draft.transaction?.amount = "-5"
        #expect(refusal(draft)?.field == "transaction.amount")
    }

    @Test func financialInstitutionsNeverAuthor() {
        let refused = refusal(Fixtures.financialDraft(), author: Fixtures.finco.id)
        #expect(refused?.field == "origin")
        #expect(refused?.reason.contains("financial institution") == true)
    }

    @Test func descriptionsAreBounded() {
        var draft = Fixtures.urlDraft()
        draft.description = String(repeating: "x", count: 2001)
        #expect(refusal(draft)?.field == "description")
        draft.description = String(repeating: "x", count: 2000)
        #expect(refusal(draft) == nil)
    }

    @Test func expiryCannotOutliveRetention() {
        var draft = Fixtures.urlDraft()
        draft.expiresAt = "2099-01-01T00:00:00Z"
        #expect(refusal(draft)?.field == "expires_at")
        draft.expiresAt = "2000-01-01"
        #expect(refusal(draft)?.field == "expires_at")
        draft.expiresAt = "not a date"
        #expect(refusal(draft)?.field == "expires_at")
    }

    @Test func updatesKeepTypeAndValueAndBelongToTheOrigin() throws {
        let signal = try validator.validateNew(Fixtures.urlDraft(), id: id, author: Fixtures.alpha.id, now: now)
        var patch = SignalDraft()
        patch.severity = "WARNING"
        patch.audience = "bravo,charlie"
        let later = now.addingTimeInterval(60)
        let updated = try validator.validateUpdate(patch, to: signal, actor: Fixtures.alpha.id, now: later)
        #expect(updated.severity == .warning)
        #expect(updated.audience == .allowlist([Fixtures.bravo.id, Fixtures.charlie.id]))
        #expect(updated.updatedAt == later)
        #expect(updated.createdAt == now)

        patch = SignalDraft()
        patch.value = "https://example.com/other"
        #expect(throws: ValidationError.self) { try validator.validateUpdate(patch, to: signal, actor: Fixtures.alpha.id, now: later) }
        patch = SignalDraft()
        patch.severity = "INFO"
        do {
            _ = try validator.validateUpdate(patch, to: signal, actor: Fixtures.bravo.id, now: later)
            Issue.record("a participant changed another's signal")
        } catch {
            #expect(error.reason.contains("belongs to alpha"))
        }
    }
}

@Suite struct ValidatorEdgeTests {
    @Test func anEmptyUpdateIsRefused() throws {
        let validator = Fixtures.validator()
        let signal = try validator.validateNew(Fixtures.urlDraft(), id: Fixtures.signalID(1), author: Fixtures.alpha.id, now: Fixtures.now)
        #expect(throws: ValidationError(field: "body", reason: "The update names no field to change.")) {
            try validator.validateUpdate(SignalDraft(), to: signal, actor: Fixtures.alpha.id, now: Fixtures.now)
        }
    }

    @Test func audienceWordsAreNotParticipantIDs() {
        #expect(ParticipantID("all") == nil)
        #expect(ParticipantID("financial") == nil)
        #expect(ParticipantID("allowlist") == nil)
        #expect(ParticipantID("all-stars") != nil)
    }

    @Test func amountsArePositive() {
        var draft = Fixtures.financialDraft()
        draft.transaction?.amount = "0.00"
        #expect(throws: ValidationError.self) {
            try Fixtures.validator().validateNew(draft, id: Fixtures.signalID(1), author: Fixtures.alpha.id, now: Fixtures.now)
        }
    }
}
