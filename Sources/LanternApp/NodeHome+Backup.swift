public import Foundation
import LanternStore

/// Online backups of the home's database: the node may keep running while one is taken.
extension NodeHome {
    /// Writes a consistent copy of the database to `destination`, which must not exist, and returns how many live
    /// signals the copy holds, read back from the copy itself.
    public func backup(to destination: String, now: Date = Date()) throws -> Int {
        try withStore { store in
            do { try store.backup(to: destination, now: now) } catch let error as StoreError {
                throw NodeError.backupRefused(error.description)
            }
        }
        let copy = try NodeStore(path: destination)
        defer { try? copy.closeLeavingLog() }
        return try copy.signals.count()
    }
}
