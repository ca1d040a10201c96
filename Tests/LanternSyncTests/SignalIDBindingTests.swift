import LanternCore
import LanternSync
import LanternTesting
import Testing

@Suite struct SignalIDBindingTests {
    @Test func anIdIsBoundToTheOriginThatMadeItOnly() {
        var generator = SystemRandomNumberGenerator()
        let participants = Fixtures.directory.sorted.map(\.id)
        for origin in participants {
            for _ in 0..<200 {
                let id = SignalID.generate(for: origin, milliseconds: 1_790_000_000_000, using: &generator)
                #expect(id.isBound(to: origin))
                #expect(SignalID.isBound(id.rawValue, to: origin))
                for other in participants where other != origin { #expect(!id.isBound(to: other), "\(id) made by \(origin)") }
            }
        }
    }

    @Test func boundIdsKeepTheirTimeOrderAndTheirRandomness() {
        let early = SignalID.make(for: Fixtures.alpha.id, milliseconds: 1_000_000, random: 7)
        let late = SignalID.make(for: Fixtures.alpha.id, milliseconds: 2_000_000, random: 7)
        #expect(early < late)
        #expect(SignalID(early.rawValue) == early)
        // 45 bits of randomness: ids that differ only there are distinct, up to the top bit.
        let ids = Set((0..<2000).map { SignalID.make(for: Fixtures.alpha.id, milliseconds: 1_000_000, random: UInt64($0) << 30) })
        #expect(ids.count == 2000)
        #expect(
            SignalID.make(for: Fixtures.alpha.id, milliseconds: 1, random: 1 << 44)
                != SignalID.make(for: Fixtures.alpha.id, milliseconds: 1, random: 0))
    }

    @Test func changingAnyCharacterOfTheIdOrItsFormUnbindsIt() {
        let id = SignalID.make(for: Fixtures.bravo.id, milliseconds: 1_790_000_000_000, random: 123_456)
        var unbound = 0
        for index in 1..<26 {
            var bytes = Array(id.rawValue.utf8)
            bytes[index] = bytes[index] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            if !SignalID.isBound(String(decoding: bytes, as: UTF8.self), to: Fixtures.bravo.id) { unbound += 1 }
        }
        // A change in the tag always shows; one in the prefix changes the tag it must have (35 bits of it).
        #expect(unbound == 25)
        #expect(!SignalID.isBound(id.rawValue.lowercased(), to: Fixtures.bravo.id))
        #expect(!SignalID.isBound("not an id", to: Fixtures.bravo.id))
    }
}
