import Foundation
import Testing

@testable import LanternCore

@Suite struct TaxonomyTests {
    let taxonomy = Taxonomy.builtIn

    @Test func builtInHoldsTheProgramTags() {
        #expect(taxonomy.version == "2024.1")
        #expect(taxonomy.tags.count == 37)
        for id in ["csam", "csam_generative", "a1", "b2", "grooming_sexual", "sextortion", "trafficking"] {
            #expect(taxonomy.tag(id)?.kind == .primary, "\(id) should be primary")
        }
        for id in ["financial_transaction", "platform", "report_id", "infant_toddler", "bestiality"] {
            #expect(taxonomy.tag(id)?.kind == .supplemental, "\(id) should be supplemental")
        }
        #expect(taxonomy.tags.allSatisfy { !$0.definition.isEmpty && $0.definition.count < 300 })
    }

    @Test func tagsResolveCaseInsensitivelyWithParameters() throws {
        #expect(try taxonomy.resolve("CSAM - Generative".replacingOccurrences(of: " - ", with: "_")) == TagRef(id: "csam_generative"))
        #expect(try taxonomy.resolve("platform:Discord") == TagRef(id: "platform", parameter: "discord"))
        #expect(try taxonomy.resolve("report_id:12345") == TagRef(id: "report_id", parameter: "12345"))
        #expect(try taxonomy.resolve("Grooming Sexual") == TagRef(id: "grooming_sexual"))
    }

    @Test func parametersAreRequiredExactlyWhereDefined() {
        #expect(throws: ValueError.self) { try taxonomy.resolve("platform") }
        #expect(throws: ValueError.self) { try taxonomy.resolve("csam:extra") }
        #expect(throws: ValueError.self) { try taxonomy.resolve("platform:has space") }
    }

    @Test func unknownTagsSuggestTheNearestNames() {
        do {
            _ = try taxonomy.resolve("csam_generativ")
            Issue.record("an unknown tag was accepted")
        } catch {
            #expect(error.reason.contains("'csam_generative'"))
        }
        #expect(taxonomy.suggestions(for: "sextorsion").first == "sextortion")
        #expect(taxonomy.suggestions(for: "grooming").contains("grooming_sexual"))
        #expect(taxonomy.suggestions(for: "zzzzzzzzzz").isEmpty)
    }

    @Test func aNewerVersionLoadsFromJSON() throws {
        let json = """
            {"version": "2025.1", "tags": [
              {"id": "csam", "name": "CSAM", "kind": "primary", "parameter": null, "definition": "d"},
              {"id": "new_harm", "name": "New harm", "kind": "primary", "parameter": null, "definition": "d"}]}
            """
        let newer = try Taxonomy.decode(json: json)
        #expect(newer.version == "2025.1")
        #expect(try newer.resolve("new_harm") == TagRef(id: "new_harm"))
        #expect(throws: ValueError.self) { try taxonomy.resolve("new_harm") }
    }

    @Test func malformedTaxonomiesAreRefused() {
        #expect(throws: ValueError.self) { try Taxonomy.decode(json: "{") }
        #expect(throws: ValueError.self) {
            try Taxonomy.decode(json: #"{"version": "x", "tags": [{"id": "Bad Id", "name": "n", "kind": "primary", "definition": "d"}]}"#)
        }
        #expect(throws: ValueError.self) {
            try Taxonomy.decode(json: #"{"version": "x", "tags": [{"id": "only_sup", "name": "n", "kind": "supplemental", "definition": "d"}]}"#)
        }
    }
}
