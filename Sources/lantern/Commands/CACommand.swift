import ArgumentParser
import Foundation
import LanternApp
import LanternClient
import LanternCore
import LanternPKI
import X509

struct CACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ca",
        abstract: "The program administrator's certificate authority: issue and revoke node certificates, sign the registry.",
        subcommands: [Init.self, Issue.self, Revoke.self, Registry.self, List.self])

    /// The CA directory: `ca.pem`, `ca-key.pem` (owner-only) and `state.json`.
    struct Directory: ParsableArguments {
        @Option(help: "The CA directory.") var dir: String

        var url: URL { URL(fileURLWithPath: dir, isDirectory: true) }
        var certificateFile: URL { url.appendingPathComponent("ca.pem") }
        var keyFile: URL { url.appendingPathComponent("ca-key.pem") }
        var stateFile: URL { url.appendingPathComponent("state.json") }

        func load() throws -> (CertificateAuthority, CAState) {
            guard let certificate = try? String(contentsOf: certificateFile, encoding: .utf8),
                let key = try? String(contentsOf: keyFile, encoding: .utf8)
            else { throw ClientError(.failure, "\(dir) holds no CA: run 'lantern ca init --dir \(dir)' first.") }
            let ca: CertificateAuthority
            do { ca = try CertificateAuthority(certificatePEM: certificate, privateKeyPEM: key) } catch {
                throw ClientError(.failure, "\(error)")
            }
            let state = try JSONDecoder().decode(CAState.self, from: Data(contentsOf: stateFile))
            return (ca, state)
        }

        func save(_ state: CAState) throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(state).write(to: stateFile, options: .atomic)
        }
    }

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the program CA (P-256) in a new directory.")
        @OptionGroup var directory: Directory
        @Option(help: "The CA's common name.") var name: String = "LanternNode Program CA"
        @Option(help: "Validity in days.") var days: Int = 3650

        func run() async throws {
            try await exitOnFailure {
                guard !FileManager.default.fileExists(atPath: directory.certificateFile.path) else {
                    throw ClientError(.refused, "\(directory.dir) already holds a CA.")
                }
                try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                let ca = try CertificateAuthority.create(name: name, validityDays: days)
                try writeFile(try ca.certificatePEM, to: directory.certificateFile, mode: 0o644)
                try writeFile(ca.privateKeyPEM, to: directory.keyFile, mode: 0o600)
                try directory.save(CAState())
                print("Created the program CA in \(directory.dir). Keep \(directory.keyFile.path) offline and secret.")
            }
        }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a node certificate; the participant joins the registry.")
        @OptionGroup var directory: Directory
        @Option(help: "The participant's id.") var participant: String
        @Option(help: "tech or financial.") var role: ParticipantRole
        @Flag(help: "A tech participant in the financial pool: it receives the pool and may share signals with it.") var financialOptIn = false
        @Option(help: "A display name.") var name: String?
        @Option(help: "Validity in days.") var days: Int = 365
        @Option(help: "Where to write node.pem, node-key.pem and ca.pem.") var out: String

        func run() async throws {
            try await exitOnFailure {
                let id = try participantOption(participant, role: role, financialOptIn: financialOptIn)
                var (ca, state) = try directory.load()
                let identity = ParticipantIdentity(participant: id, role: role)
                let issued = try ca.issue(identity: identity, validityDays: days)
                let outURL = URL(fileURLWithPath: out, isDirectory: true)
                try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                try writeFile(try issued.certificatePEM, to: outURL.appendingPathComponent("node.pem"), mode: 0o644)
                try writeFile(issued.privateKeyPEM, to: outURL.appendingPathComponent("node-key.pem"), mode: 0o600)
                try writeFile(try ca.certificatePEM, to: outURL.appendingPathComponent("ca.pem"), mode: 0o644)
                state.recordIssued(
                    .init(id: id, role: role, financialPoolOptIn: financialOptIn, name: name), serial: issued.certificate.serialNumber.hex)
                try directory.save(state)
                print("Issued \(identity) certificate \(issued.certificate.serialNumber.hex) into \(out).")
                print("Run 'lantern ca registry' to publish the change to the nodes.")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a participant (all its certificates, and it leaves the registry) or one certificate.")
        @OptionGroup var directory: Directory
        @Option(help: "The participant to revoke.") var participant: String?
        @Option(help: "One certificate's serial number (hex).") var serial: String?

        func validate() throws {
            guard (participant == nil) != (serial == nil) else { throw ValidationError("Give exactly one of --participant and --serial.") }
        }

        func run() async throws {
            try await exitOnFailure {
                var (_, state) = try directory.load()
                do {
                    if let participant {
                        let id = try participantOption(participant)
                        let serials = try state.revoke(participant: id)
                        print("Revoked participant \(id) and its \(serials.count) certificate(s).")
                    } else if let serial {
                        try state.revoke(serial: serial)
                        print("Revoked certificate \(serial.lowercased()).")
                    }
                } catch let error as PKIError {
                    throw ClientError(.notFound, error.description)
                }
                try directory.save(state)
                print("Run 'lantern ca registry' to publish the revocation to the nodes.")
            }
        }
    }

    struct Registry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a new version of the participant registry.",
            discussion: """
                The file holds the full registry, for tech participants' nodes, and one view per financial \
                institution: the tech participants with their financial-pool opt-ins, and the institution itself. \
                Give the same file to every node; each takes the document meant for it.
                """)
        @OptionGroup var directory: Directory
        @Option(help: "The signed registry file to write.") var out: String

        func run() async throws {
            try await exitOnFailure {
                var (ca, state) = try directory.load()
                let registry = state.nextRegistry(now: Date())
                let bundle = try registry.signedBundle(by: ca)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try encoder.encode(bundle).write(to: URL(fileURLWithPath: out), options: .atomic)
                try directory.save(state)
                print(
                    "Signed registry version \(registry.version): \(registry.participants.count) participants, \(registry.revokedSerials.count) revoked certificates, in \(out)."
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the participants and certificates the CA has issued.")
        @OptionGroup var directory: Directory

        func run() async throws {
            try await exitOnFailure {
                let (_, state) = try directory.load()
                var rows: [[String]] = []
                for member in state.members {
                    for serial in member.serials {
                        rows.append([
                            member.entry.id.rawValue, member.entry.role.rawValue, member.entry.financialPoolOptIn ? "yes" : "no", serial,
                            state.revokedSerials.contains(serial) ? "revoked" : "valid",
                        ])
                    }
                }
                printTable(["PARTICIPANT", "ROLE", "FINANCIAL POOL", "SERIAL", "STATUS"], rows)
                print("Last signed registry version: \(state.registryVersion)")
            }
        }
    }
}

/// Writes text to a file atomically with the given permissions.
func writeFile(_ text: String, to url: URL, mode: Int) throws {
    try Data(text.utf8).write(to: url, options: .atomic)
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
}
