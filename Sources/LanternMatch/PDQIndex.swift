/// Finds the PDQ hashes within a Hamming distance of a query, exactly: every hash within the threshold, and nothing
/// beyond it.
///
/// Up to distance 31 it is a multi-index hash: each hash is split into chunks, and each chunk indexes the hash in
/// its own table. Two hashes within 31 bits of each other agree to within a few bits on at least one chunk, so a
/// query probes, in each table, the chunk values that close to its own, and checks the full distance of what it
/// finds there (`PDQLayout`: 16 chunks of 16 bits probed at one bit up to a few million hashes, 11 of 22 bits probed
/// at two bits beyond). Beyond 31 it scans every hash, four population counts each.
///
/// The tables are built in bulk, in compressed rows (an offset per chunk value, then positions), which keeps a
/// million hashes in about 100 MB. Each hash is stored in two halves: a candidate's first 128 bits, in a dense 16 MB
/// array that mostly stays in the processor's cache, reject nearly every false candidate before the second half is
/// read. (That split took the benchmark from 8,200 to 19,000 queries/s at a million hashes: the time goes in
/// cache misses, not in arithmetic.) Hashes added later go to a small tail that queries scan; removed ones are
/// marked dead at once, so they stop matching immediately. When the tail or the dead grow past a fraction of the
/// index, the tables are rebuilt.
public struct PDQIndex<Key: Hashable & Sendable>: Sendable {
    /// The largest threshold the tables answer; larger ones scan.
    public static var indexedThreshold: Int { 31 }

    /// Every hash held, by position, in two halves; positions of removed hashes stay until the next rebuild.
    private var fronts: ContiguousArray<SIMD2<UInt64>> = []
    private var backs: ContiguousArray<SIMD2<UInt64>> = []
    private var keys: ContiguousArray<Key?> = []
    private var positions: [Key: UInt32] = [:]
    /// Positions below this are in the tables; those from it on are the tail.
    private var indexed = 0
    private var dead = 0
    /// The layout the tables were built with.
    public private(set) var layout: PDQLayout
    /// The layout asked for at creation; when nil, each rebuild picks one by size.
    private let fixedLayout: PDQLayout?
    /// Per table, `tableSize + 1` offsets into `postings`.
    private var offsets: ContiguousArray<UInt32> = []
    /// Per table, the positions of the indexed hashes ordered by that table's chunk.
    private var postings: ContiguousArray<UInt32> = []

    /// An empty index; `layout` fixes the tables' layout instead of choosing it by size.
    public init(layout: PDQLayout? = nil) {
        self.fixedLayout = layout
        self.layout = layout ?? .narrow
        rebuild()
    }

    /// Builds the index from `items` at once; a key given twice keeps its last hash.
    public init(_ items: some Sequence<(key: Key, hash: PDQHash)>, layout: PDQLayout? = nil) {
        self.fixedLayout = layout
        self.layout = layout ?? .narrow
        for item in items { append(item.hash, for: item.key) }
        rebuild()
    }

    /// The number of live hashes.
    public var count: Int { positions.count }

    /// Adds a hash, or replaces the one held for `key`.
    public mutating func insert(_ hash: PDQHash, for key: Key) {
        append(hash, for: key)
        if fronts.count - indexed > max(4096, indexed / 8) { rebuild() }
    }

    /// Removes the hash held for `key`: it no longer matches. - Returns: whether there was one.
    @discardableResult
    public mutating func remove(_ key: Key) -> Bool {
        guard let position = positions.removeValue(forKey: key) else { return false }
        keys[Int(position)] = nil
        dead += 1
        if dead > max(4096, fronts.count / 4) { rebuild() }
        return true
    }

    /// The hash held for `key`, if any.
    public func hash(for key: Key) -> PDQHash? {
        positions[key].map { hash(at: Int($0)) }
    }

    private func hash(at position: Int) -> PDQHash {
        PDQHash(fronts[position].x, fronts[position].y, backs[position].x, backs[position].y)
    }

    /// Every live hash within `threshold` bits of `query`, nearest first.
    public func matches(_ query: PDQHash, within threshold: Int) -> [(key: Key, distance: Int)] {
        guard threshold >= 0 else { return [] }
        var found: [(position: UInt32, distance: Int)] = []
        let storage = Storage(fronts: fronts, backs: backs)
        if threshold > Self.indexedThreshold {
            storage.scan(from: 0, query: query, threshold: threshold, into: &found)
        } else {
            probeTables(storage, query: query, threshold: threshold, into: &found)
            storage.scan(from: indexed, query: query, threshold: threshold, into: &found)
        }
        found.sort { ($0.distance, $0.position) < ($1.distance, $1.position) }
        var results: [(key: Key, distance: Int)] = []
        var previous: UInt32?
        for match in found where match.position != previous {
            previous = match.position
            if let key = keys[Int(match.position)] { results.append((key, match.distance)) }
        }
        return results
    }

    private func probeTables(
        _ storage: Storage, query: PDQHash, threshold: Int, into found: inout [(position: UInt32, distance: Int)]
    ) {
        let layout = layout
        let radius = layout.radius(for: threshold)
        // First gather the candidates' positions (reading the tables' rows in order), then check them: the checks
        // are independent loads from all over the halves, which the processor then overlaps instead of waiting for
        // each cache miss in turn.
        var candidates: [UInt32] = []
        candidates.reserveCapacity(8192)
        offsets.withUnsafeBufferPointer { offsets in
            postings.withUnsafeBufferPointer { postings in
                for table in 0..<layout.chunkCount {
                    let base = table * (layout.tableSize + 1)
                    layout.neighbours(of: layout.chunk(table, of: query), radius: radius) { value in
                        let start = Int(offsets[base + value])
                        let end = Int(offsets[base + value + 1])
                        if start < end { candidates.append(contentsOf: UnsafeBufferPointer(rebasing: postings[start..<end])) }
                    }
                }
            }
        }
        candidates.withUnsafeBufferPointer { candidates in
            storage.check(candidates.lazy.map { Int($0) }, query: query, threshold: threshold, into: &found)
        }
    }

    private mutating func append(_ hash: PDQHash, for key: Key) {
        if let old = positions[key] {
            keys[Int(old)] = nil
            dead += 1
        }
        positions[key] = UInt32(fronts.count)
        fronts.append(SIMD2(hash.w0, hash.w1))
        backs.append(SIMD2(hash.w2, hash.w3))
        keys.append(key)
    }

    /// Moves the live hashes together, dropping the positions of removed and replaced ones.
    private mutating func compact() {
        var liveFronts = ContiguousArray<SIMD2<UInt64>>()
        var liveBacks = ContiguousArray<SIMD2<UInt64>>()
        var liveKeys = ContiguousArray<Key?>()
        liveFronts.reserveCapacity(positions.count)
        liveBacks.reserveCapacity(positions.count)
        liveKeys.reserveCapacity(positions.count)
        for (position, key) in keys.enumerated() {
            guard let key else { continue }
            positions[key] = UInt32(liveKeys.count)
            liveFronts.append(fronts[position])
            liveBacks.append(backs[position])
            liveKeys.append(key)
        }
        (fronts, backs, keys) = (liveFronts, liveBacks, liveKeys)
        dead = 0
    }

    /// Drops dead positions and indexes every live hash in the tables (a counting sort per table).
    private mutating func rebuild() {
        if dead > 0 { compact() }
        indexed = fronts.count
        let layout = fixedLayout ?? PDQLayout.forCount(indexed)
        self.layout = layout
        let stride = layout.tableSize + 1
        var offsets = ContiguousArray<UInt32>(repeating: 0, count: layout.chunkCount * stride)
        var postings = ContiguousArray<UInt32>(repeating: 0, count: layout.chunkCount * indexed)
        var chunks = [UInt32](repeating: 0, count: indexed)
        let count = indexed
        let storage = Storage(fronts: fronts, backs: backs)
        offsets.withUnsafeMutableBufferPointer { offsets in
            postings.withUnsafeMutableBufferPointer { postings in
                for table in 0..<layout.chunkCount {
                    let base = table * stride
                    for position in 0..<count {
                        let chunk = layout.chunk(table, of: storage.hash(at: position))
                        chunks[position] = UInt32(chunk)
                        offsets[base + chunk + 1] += 1
                    }
                    // Offsets are absolute positions in `postings`: this table's rows start after the earlier tables'.
                    offsets[base] = UInt32(table * count)
                    for value in 0..<layout.tableSize { offsets[base + value + 1] += offsets[base + value] }
                    var next = Array(offsets[base..<base + layout.tableSize])
                    for position in 0..<count {
                        let chunk = Int(chunks[position])
                        postings[Int(next[chunk])] = UInt32(position)
                        next[chunk] += 1
                    }
                }
            }
        }
        self.offsets = offsets
        self.postings = postings
    }
}

/// The two halves of the stored hashes, read without bounds checks or reference counting in the query loops.
private struct Storage {
    let fronts: ContiguousArray<SIMD2<UInt64>>
    let backs: ContiguousArray<SIMD2<UInt64>>

    /// Appends each position of `candidates` whose hash is within `threshold` of `query` to `found`, reading a
    /// hash's second half only when its first half leaves it possible.
    func check(_ candidates: some Sequence<Int>, query: PDQHash, threshold: Int, into found: inout [(position: UInt32, distance: Int)]) {
        fronts.withUnsafeBufferPointer { fronts in
            backs.withUnsafeBufferPointer { backs in
                for position in candidates {
                    let front = fronts[position]
                    let near = (front.x ^ query.w0).nonzeroBitCount + (front.y ^ query.w1).nonzeroBitCount
                    guard near <= threshold else { continue }
                    let back = backs[position]
                    let distance = near + (back.x ^ query.w2).nonzeroBitCount + (back.y ^ query.w3).nonzeroBitCount
                    if distance <= threshold { found.append((UInt32(position), distance)) }
                }
            }
        }
    }

    @inline(__always)
    func hash(at position: Int) -> PDQHash {
        fronts.withUnsafeBufferPointer { fronts in
            backs.withUnsafeBufferPointer { backs in
                PDQHash(fronts[position].x, fronts[position].y, backs[position].x, backs[position].y)
            }
        }
    }

    func scan(from start: Int, query: PDQHash, threshold: Int, into found: inout [(position: UInt32, distance: Int)]) {
        check(start..<fronts.count, query: query, threshold: threshold, into: &found)
    }
}
