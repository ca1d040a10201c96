public import Foundation

/// One record of the audit log as stored: the entry, its place and time, and the chain's hashes.
public struct AuditRecord: Sendable, Equatable {
    public var seq: Int64
    public var at: Date
    public var entry: AuditEntry
    /// The previous record's hash (32 zero bytes for the first).
    public var previousHash: Data
    /// SHA-256 over the previous hash and this record's fields (`AuditChain.hash`).
    public var hash: Data

    public init(seq: Int64, at: Date, entry: AuditEntry, previousHash: Data, hash: Data) {
        self.seq = seq
        self.at = at
        self.entry = entry
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The result of checking the audit log's chain from its first record.
public struct AuditVerification: Sendable, Equatable {
    public var records: Int64
    /// The last record's hash: kept outside the node, it proves later that nothing before it changed.
    public var headHash: Data
    /// The first record that fails, and why; nil when the whole chain holds.
    public var problem: (seq: Int64, reason: String)?

    public var isIntact: Bool { problem == nil }

    public init(records: Int64, headHash: Data, problem: (seq: Int64, reason: String)?) {
        self.records = records
        self.headHash = headHash
        self.problem = problem
    }

    public static func == (lhs: AuditVerification, rhs: AuditVerification) -> Bool {
        lhs.records == rhs.records && lhs.headHash == rhs.headHash && lhs.problem?.seq == rhs.problem?.seq
            && lhs.problem?.reason == rhs.problem?.reason
    }
}

/// Which records a page of the audit log holds.
public struct AuditFilter: Sendable, Equatable {
    public var actor: String?
    public var action: AuditAction?
    public var from: Date?
    public var until: Date?

    public init(actor: String? = nil, action: AuditAction? = nil, from: Date? = nil, until: Date? = nil) {
        self.actor = actor
        self.action = action
        self.from = from
        self.until = until
    }
}
