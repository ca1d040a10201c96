#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a node home (`flock` on `serve.lock`), so two nodes never serve one database.
struct HomeLock {
    private let descriptor: Int32

    init(_ home: NodeHome) throws {
        let fd = open(home.lockFile, O_CREAT | O_RDWR, 0o600)
        guard fd >= 0 else { throw NodeError.lockUnavailable(home.lockFile) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw NodeError.homeInUse(home.path)
        }
        descriptor = fd
    }

    func release() {
        close(descriptor)
    }
}
