import Foundation
import LanternCore
import LanternTesting
import Testing

@testable import LanternPKI

/// A financial institution's node gets a view of the registry that does not say who else is in the pool.
@Suite struct RegistryViewTests {
    let ca: CertificateAuthority
    let finbank = Participant(id: ParticipantID("finbank")!, role: .financial)
    let registry: ParticipantRegistry

    init() throws {
        ca = try CertificateAuthority.create()
        registry = ParticipantRegistry(
            version: 3, issuedAt: Date(timeIntervalSince1970: 1_790_000_000), participants: Fixtures.directory.sorted + [finbank],
            revokedSerials: ["0a"])
    }

    func identity(_ participant: Participant) -> ParticipantIdentity {
        ParticipantIdentity(participant: participant.id, role: participant.role)
    }

    @Test func anInstitutionSeesTheTechParticipantsWithTheirOptInsAndItselfOnly() throws {
        let view = registry.financialView(for: Fixtures.finco.id)
        #expect(view.view == .financial(Fixtures.finco.id))
        #expect(view.participants.map(\.id.rawValue) == ["alpha", "bravo", "charlie", "finco"])
        // The opt-ins say whose pool signals the institution's node takes.
        #expect(view.participants.filter(\.financialPoolOptIn).map(\.id) == [Fixtures.alpha.id, Fixtures.charlie.id])
        #expect(view.version == 3 && view.revokedSerials == ["0a"])
    }

    @Test func eachNodeTakesTheDocumentMeantForIt() throws {
        let bundle = try registry.signedBundle(by: ca)
        #expect(bundle.registries.count == 3)
        let caCertificate = ca.certificate
        let tech = try bundle.replacing(nil, caCertificate: caCertificate, for: identity(Fixtures.charlie))
        #expect(tech.registry.view == .full)
        #expect(tech.registry.entry(Fixtures.charlie.id)?.financialPoolOptIn == true)
        #expect(Set(tech.views.keys) == [Fixtures.finco.id, finbank.id])
        let finco = try bundle.replacing(nil, caCertificate: caCertificate, for: identity(Fixtures.finco))
        #expect(finco.registry.view == .financial(Fixtures.finco.id))
        #expect(finco.registry.entry(finbank.id) == nil)
        #expect(finco.views.isEmpty)
        // A document meant for someone else is refused, whoever hands it over.
        let full = try registry.signed(by: ca)
        let fincoView = try registry.financialView(for: Fixtures.finco.id).signed(by: ca)
        #expect(throws: PKIError.self) { try full.replacing(nil, caCertificate: caCertificate, for: identity(Fixtures.finco)) }
        #expect(throws: PKIError.self) { try fincoView.replacing(nil, caCertificate: caCertificate, for: identity(Fixtures.alpha)) }
        #expect(throws: PKIError.self) { try fincoView.replacing(nil, caCertificate: caCertificate, for: identity(finbank)) }
        #expect(throws: PKIError.self) {
            try RegistryBundle(registries: [full]).replacing(nil, caCertificate: caCertificate, for: identity(finbank))
        }
    }

    @Test func aSingleDocumentReadsAsABundleAndGarbageIsRefused() throws {
        let single = try JSONEncoder().encode(try registry.signed(by: ca))
        #expect(try RegistryBundle.decode(single).registries.count == 1)
        #expect(throws: PKIError.self) { try RegistryBundle.decode(Data("{}".utf8)) }
    }
}
