/// How the tables of a `PDQIndex` split a hash: `chunkCount` chunks of `chunkBits` bits from the start of the hash, each
/// indexing every hash in its own table. Chunks need not cover all 256 bits: two hashes within `t` bits of each
/// other are within `t` bits on the covered ones, so with `m` chunks at least one chunk is within `t / m` bits
/// (pigeonhole). A query probes, in each table, every chunk value within that radius of its own.
///
/// The best chunk length is about log2 of the number of hashes: longer chunks mean fewer candidates per probe
/// but more probes and a table (an offset per chunk value) of `2^chunkBits` entries. So the index picks its
/// layout by size each time it rebuilds its tables.
public struct PDQLayout: Sendable, Equatable {
    public let chunkBits: Int
    public let chunkCount: Int

    /// 16 chunks of 16 bits, probed at radius 1 for distance 31: 272 probes; about 4,200 candidates per query
    /// at a million hashes. The tables' offsets take 4 MB.
    public static let narrow = PDQLayout(chunkBits: 16, chunkCount: 16)
    /// 11 chunks of 22 bits (242 bits), probed at radius 2 for distance 31: 2,794 probes; about 6,700
    /// candidates per query at ten million hashes, where the narrow layout finds 41,000. The offsets take
    /// 185 MB, which only pays at millions of hashes.
    public static let wide = PDQLayout(chunkBits: 22, chunkCount: 11)
    /// From this many hashes on, the index uses the wide layout.
    public static var wideFrom: Int { 3_000_000 }

    /// The layout for an index of `count` hashes.
    public static func forCount(_ count: Int) -> PDQLayout { count >= wideFrom ? .wide : .narrow }

    var tableSize: Int { 1 << chunkBits }

    /// Chunk `table` of `hash`.
    @inline(__always)
    func chunk(_ table: Int, of hash: PDQHash) -> Int {
        chunkBits == 16 ? hash.chunk(table) : hash.bits(at: table * chunkBits, width: chunkBits)
    }

    /// The radius to probe each table at for `threshold`.
    func radius(for threshold: Int) -> Int { threshold / chunkCount }

    /// Calls `visit` with `value` and every chunk value within `radius` (0 to 2) bits of it.
    @inline(__always)
    func neighbours(of value: Int, radius: Int, _ visit: (Int) -> Void) {
        visit(value)
        guard radius >= 1 else { return }
        for i in 0..<chunkBits {
            let once = value ^ (1 << i)
            visit(once)
            guard radius >= 2 else { continue }
            for j in (i + 1)..<chunkBits { visit(once ^ (1 << j)) }
        }
    }
}
