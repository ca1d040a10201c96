public import Foundation
import GRDB
public import LanternCore

extension DirectoryStore {
    /// Stores a taxonomy version. Loading the same version twice with a different document is refused.
    public func saveTaxonomy(_ taxonomy: Taxonomy, document: String, now: Date) throws -> Bool {
        try writer.write { db in
            if let existing = try String.fetchOne(db, sql: "SELECT document FROM taxonomies WHERE version = ?", arguments: [taxonomy.version]) {
                guard (try? Taxonomy.decode(json: existing)) == taxonomy else { throw TaxonomyConflict(version: taxonomy.version) }
                try NodeStore.setMeta("taxonomy", taxonomy.version, in: db)
                return false
            }
            try db.execute(
                sql: "INSERT INTO taxonomies (version, document, loaded_at) VALUES (?, ?, ?)",
                arguments: [taxonomy.version, document, now.millisecondsSince1970])
            try NodeStore.setMeta("taxonomy", taxonomy.version, in: db)
            return true
        }
    }

    /// The taxonomy in force: the one loaded last (a version loaded again becomes current again), or `nil` when
    /// none was loaded and the node uses its built-in one.
    public func latestTaxonomy() throws -> Taxonomy? {
        let document = try writer.read { db in
            try String.fetchOne(
                db, sql: "SELECT document FROM taxonomies WHERE version = (SELECT value FROM node_meta WHERE key = 'taxonomy')")
        }
        guard let document else { return nil }
        do { return try Taxonomy.decode(json: document) } catch { throw StoreError.corrupt("taxonomy: \(error.reason)") }
    }
}

/// A taxonomy version that was already loaded with other content.
public struct TaxonomyConflict: Error, CustomStringConvertible {
    public let version: String
    public var description: String {
        "Taxonomy version \(version) is already loaded with different content; give the new document a new version."
    }
}
