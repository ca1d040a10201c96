import Foundation
import HTTPTypes
import LanternCore
import LanternStore
import LanternTesting
import Testing

/// Every kind of bad input gets a clear error naming the field, and nothing is stored.
@Suite struct BadInputAPITests {
    func refused(_ body: [String: Any], field: String?, contains text: String? = nil) async throws {
        let harness = try APIHarness()
        let data = try JSONSerialization.data(withJSONObject: body)
        try await harness.run { client in
            let reply = try await client.send(.post, "/v1/signals", raw: data)
            #expect(reply.status == .unprocessableContent || reply.status == .badRequest, "status \(reply.status)")
            #expect(reply.errorField == field, "\(reply.errorMessage)")
            if let text { #expect(reply.errorMessage.contains(text), "\(reply.errorMessage)") }
            #expect(!reply.errorMessage.isEmpty)
        }
        #expect(try harness.store.signals.count() == 0)
    }

    func with(_ changes: [String: Any?], base: [String: Any] = Bodies.url()) -> [String: Any] {
        var body = base
        for (key, value) in changes { body[key] = value }
        return body
    }

    @Test func unknownTypeAndMalformedValues() async throws {
        try await refused(with(["type": "ipaddress"]), field: "type", contains: "not a signal type")
        let pdq = ["type": "pdq", "media_kind": "image"]
        try await refused(with(pdq.merging(["value": String(repeating: "a", count: 63)]) { $1 }), field: "value", contains: "64")
        try await refused(with(pdq.merging(["value": String(repeating: "g", count: 64)]) { $1 }), field: "value", contains: "hexadecimal")
        try await refused(with(["type": "email", "value": "someone.example.com"]), field: "value", contains: "@")
        try await refused(with(["value": "https:///nothing"]), field: "value", contains: "host")
        try await refused(with(["type": "phone", "value": "555-0123"]), field: "value", contains: "E.164")
    }

    @Test func tagProblems() async throws {
        try await refused(with(["tags": []]), field: "tags", contains: "primary")
        try await refused(with(["tags": ["platform:discord"]]), field: "tags", contains: "Supplemental")
        try await refused(with(["tags": ["csam", "sextorsion"]]), field: "tags[1]", contains: "sextortion")
    }

    @Test func missingSeverityOrReviewStatus() async throws {
        try await refused(with(["severity": nil]), field: "severity")
        try await refused(with(["review_status": nil]), field: "review_status")
    }

    @Test func audienceProblems() async throws {
        try await refused(with(["audience": ["bravo", "nobody"]]), field: "audience", contains: "nobody")
        var financial = Bodies.financial()
        financial["transaction"] = nil
        try await refused(financial, field: "transaction", contains: "transaction details")
    }

    @Test func descriptionOverTheLimit() async throws {
        try await refused(with(["description": String(repeating: "x", count: 2001)]), field: "description", contains: "2000")
    }

    @Test func wrongJSONTypesNameTheField() async throws {
        try await refused(with(["confidence": "high"]), field: "confidence", contains: "number")
        try await refused(with(["tags": "csam"]), field: "tags", contains: "array")
    }

    @Test func financialInstitutionsCannotAuthor() async throws {
        let harness = try APIHarness(as: Fixtures.finco)
        try await harness.run { client in
            let reply = try await client.send(.post, "/v1/signals", json: Bodies.financial())
            #expect(reply.status == .unprocessableContent)
            #expect(reply.errorField == "origin")
            #expect(reply.errorMessage.contains("financial institution"))
        }
        #expect(try harness.store.signals.count() == 0)
    }

    @Test func aFailureInsideTheNodeSaysNothingOfItsInternals() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            // The store fails under every request: what the caller gets is the generic sentence, not SQLite's words.
            try harness.store.close()
            let reply = try await client.send(.get, "/v1/signals")
            #expect(reply.status == .internalServerError)
            #expect(reply.error["code"] as? String == "internal")
            #expect(reply.errorMessage == "The node could not complete the request; its log has the details.")
        }
    }

    @Test func oversizedAndMalformedBodies() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            let big = try await client.send(.post, "/v1/signals", raw: Data(repeating: 0x20, count: 70 * 1024))
            #expect(big.status == .contentTooLarge)
            #expect(big.error["code"] as? String == "body_too_large", "\(String(decoding: big.body, as: UTF8.self))")
            let malformed = try await client.send(.post, "/v1/signals", raw: Data("{\"type\": ".utf8))
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorMessage.contains("not valid JSON"))
            let empty = try await client.send(.post, "/v1/signals", raw: Data())
            #expect(empty.status == .badRequest)
            // A body that gives a field twice says two things: refused, naming the field.
            let twice = try JSONSerialization.data(withJSONObject: Bodies.url())
            let repeated = Data(#"{"severity":"INFO","#.utf8) + twice.dropFirst()
            let reply = try await client.send(.post, "/v1/signals", raw: repeated)
            #expect(reply.status == .badRequest && reply.errorField == "severity", "\(reply.errorMessage)")
            #expect(reply.errorMessage.contains("more than once"))
        }
        #expect(try harness.store.signals.count() == 0)
    }

    @Test func missingOrWrongTokens() async throws {
        let harness = try APIHarness()
        try await harness.run { client in
            let none = try await client.with(token: nil).send(.post, "/v1/signals", json: Bodies.url())
            #expect(none.status == .unauthorized)
            #expect(none.error["code"] as? String == "unauthorized")
            let wrong = try await client.with(token: "lnt_wrong").send(.get, "/v1/signals")
            #expect(wrong.status == .unauthorized)
            let revokedID = try harness.store.tokens.all().first { $0.name == "integration" }!.id
            try harness.store.tokens.revoke(id: revokedID, now: Date())
            let revoked = try await client.send(.get, "/v1/signals")
            #expect(revoked.status == .unauthorized)
        }
        #expect(try harness.store.signals.count() == 0)
    }

    @Test func anotherParticipantsSignalCannotBeChangedOrRemoved() async throws {
        let harness = try APIHarness()
        var theirs = try Fixtures.validator().validateNew(
            Fixtures.urlDraft(), id: Fixtures.signalID(1, origin: Fixtures.bravo.id), author: Fixtures.bravo.id, now: Date())
        theirs.revision = 3
        #expect(try harness.store.chains.applyReceivedSignal(theirs))
        let theirID = theirs.id
        try await harness.run { client in
            let update = try await client.send(.patch, "/v1/signals/\(theirID)", json: ["severity": "INFO"])
            #expect(update.status == .unprocessableContent)
            #expect(update.errorMessage.contains("belongs to bravo"))
            let remove = try await client.send(.delete, "/v1/signals/\(theirID)?reason=entered_in_error")
            #expect(remove.status == .unprocessableContent)
            #expect(remove.errorMessage.contains("belongs to bravo"))
            let missingReason = try await client.send(.delete, "/v1/signals/\(theirID)")
            #expect(missingReason.errorField == "reason")
            let badID = try await client.send(.get, "/v1/signals/not-an-id")
            #expect(badID.status == .badRequest)
            #expect(badID.errorField == "id")
        }
        let kept = try #require(try harness.store.signals.signal(theirs.id))
        #expect(kept.signal.severity == .severe)
        #expect(kept.signal.revision == 3)
    }
}
