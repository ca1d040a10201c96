public import ArgumentParser
import Foundation
import LanternApp
import LanternCore
import LanternServer

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list, disable, enable, reset and unlock the investigators' accounts (on the home directory).",
        discussion: """
            Every account has a password and an authenticator app: a new or reset account gets a temporary \
            password, printed once, and its first login in the UI enrols the authenticator and chooses a new \
            password. Each change is recorded in the audit log.
            """,
        subcommands: [Add.self, List.self, Disable.self, Enable.self, Reset.self, Unlock.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user and print a temporary password once.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The login name: lower-case letters, digits, '.', '-' and '_'.") var name: String
        @Option(help: "admin, investigator or auditor.") var role: UserRole
        @Flag(
            help: """
                Demonstrations and test setups only: enrol an authenticator now, keep the printed password, and \
                print the authenticator's key. Whoever runs this knows both factors.
                """)
        var demo = false
        @Flag(help: "Print machine-readable JSON.") var json = false

        func run() async throws {
            try await exitOnFailure {
                guard demo else {
                    let (user, password) = try await home.nodeHome.addUser(name: name, role: role)
                    return printAccount(user, password: password, json: json, verb: "Added")
                }
                let (user, password, authenticator) = try await home.nodeHome.addDemoUser(name: name, role: role)
                if json {
                    let body = [
                        "name": user.name.rawValue, "role": user.role.rawValue, "password": password,
                        "authenticator_key": authenticator.key.replacingOccurrences(of: " ", with: ""),
                        "authenticator_address": authenticator.address,
                    ]
                    return printJSON(try JSONEncoder().encode(body))
                }
                print("Added \(user.name.rawValue) (\(user.role.rawValue)) for a demonstration. Password: \(password)")
                print("Authenticator key: \(authenticator.key)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users and their state.")
        @OptionGroup var home: HomeOptions
        @Flag(help: "Print machine-readable JSON.") var json = false

        func run() async throws {
            try await exitOnFailure {
                let users = try home.nodeHome.users()
                if json {
                    let items = users.map { user in
                        [
                            "name": user.name.rawValue, "role": user.role.rawValue, "state": user.state,
                            "created_at": Timestamp.format(user.createdAt),
                        ]
                    }
                    return printJSON(try JSONEncoder().encode(["users": items]))
                }
                printTable(
                    ["NAME", "ROLE", "STATE", "WRONG CODES", "CREATED"],
                    users.map { [$0.name.rawValue, $0.role.rawValue, $0.state, String($0.failedLogins), Timestamp.format($0.createdAt)] })
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user: their sessions and tokens stop at once.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The user's name.") var name: String

        func run() async throws {
            try await exitOnFailure {
                _ = try await home.nodeHome.setUserDisabled(true, name: name)
                print("Disabled \(name); their sessions ended and their tokens stopped.")
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user again.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The user's name.") var name: String

        func run() async throws {
            try await exitOnFailure {
                _ = try await home.nodeHome.setUserDisabled(false, name: name)
                print("Enabled \(name).")
            }
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reset a user who lost their password or authenticator: a new temporary password, enrolment again.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The user's name.") var name: String
        @Flag(help: "Print machine-readable JSON.") var json = false

        func run() async throws {
            try await exitOnFailure {
                let (user, password) = try await home.nodeHome.resetUser(name: name)
                printAccount(user, password: password, json: json, verb: "Reset")
            }
        }
    }

    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unlock an account locked by repeated failed logins.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The user's name.") var name: String

        func run() async throws {
            try await exitOnFailure {
                _ = try await home.nodeHome.unlockUser(name: name)
                print("Unlocked \(name).")
            }
        }
    }
}

private func printAccount(_ user: UserAccount, password: String, json: Bool, verb: String) {
    if json {
        let body = ["name": user.name.rawValue, "role": user.role.rawValue, "temporary_password": password]
        if let data = try? JSONEncoder().encode(body) { printJSON(data) }
        return
    }
    print("\(verb) \(user.name.rawValue) (\(user.role.rawValue)). Temporary password, shown only now:")
    print(password)
    print("The first login changes it and enrols an authenticator app.")
}

extension UserRole: ExpressibleByArgument {}
