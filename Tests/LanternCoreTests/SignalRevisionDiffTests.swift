import Foundation
import LanternTesting
import Testing

@testable import LanternCore

@Suite struct SignalRevisionDiffTests {
    let validator = Fixtures.validator()

    @Test func onlyTheFieldsThatChangedAreListedFromAndTo() throws {
        var draft = Fixtures.urlDraft()
        draft.related = [Fixtures.signalID(7).rawValue]
        let old = try validator.validateNew(draft, id: Fixtures.signalID(1), author: Fixtures.alpha.id, now: Fixtures.now)
        var patch = SignalDraft()
        patch.severity = "INFO"
        patch.related = []
        patch.confidence = 40
        let new = try validator.validateUpdate(patch, to: old, actor: Fixtures.alpha.id, now: Fixtures.now.addingTimeInterval(5))
        #expect(
            SignalRevision.changes(from: old, to: new) == [
                FieldChange(field: "severity", from: old.severity.rawValue, to: "INFO"),
                FieldChange(field: "confidence", from: nil, to: "40"),
                FieldChange(field: "related", from: Fixtures.signalID(7).rawValue, to: nil),
            ])
        #expect(SignalRevision.changes(from: old, to: old).isEmpty)
    }
}
