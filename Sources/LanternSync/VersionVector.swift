public import LanternCore

/// Where a node is in one origin's chain for one scope: the chain's epoch, the last sequence number applied and
/// that event's hash.
public struct ChainPosition: Hashable, Sendable, Codable {
    public var epoch: String
    public var seq: UInt64
    public var hash: ChainDigest

    public init(epoch: String, seq: UInt64, hash: ChainDigest) {
        self.epoch = epoch
        self.seq = seq
        self.hash = hash
    }
}

/// A node's cursor into one scope: a position per origin. Never a timestamp.
public struct VersionVector: Hashable, Sendable, Codable {
    public private(set) var positions: [ParticipantID: ChainPosition]

    public init(_ positions: [ParticipantID: ChainPosition] = [:]) {
        self.positions = positions
    }

    public subscript(origin: ParticipantID) -> ChainPosition? { positions[origin] }

    /// Moves an origin's position forward. A position never moves back within an epoch.
    public mutating func advance(_ origin: ParticipantID, to position: ChainPosition) {
        if let current = positions[origin], current.epoch == position.epoch, current.seq >= position.seq { return }
        positions[origin] = position
    }

    /// What `self` (a receiver's vector) should ask of a sender whose vector is `offer`, origin by origin.
    public func wants(from offer: VersionVector) -> [ParticipantID: Want] {
        var wants: [ParticipantID: Want] = [:]
        for (origin, offered) in offer.positions {
            guard let have = positions[origin] else {
                wants[origin] = .from(seq: 1, epoch: offered.epoch)
                continue
            }
            if have.epoch != offered.epoch {
                // A new epoch (the origin restored from a backup, say): the whole chain again.
                wants[origin] = .from(seq: 1, epoch: offered.epoch)
            } else if offered.seq > have.seq {
                wants[origin] = .from(seq: have.seq + 1, epoch: have.epoch)
            }
            // offered.seq < have.seq: the sender knows less than we do (a stale or restored peer); ask nothing.
        }
        return wants
    }

    /// A request for the events of one origin's chain.
    public enum Want: Hashable, Sendable {
        case from(seq: UInt64, epoch: String)
    }
}
