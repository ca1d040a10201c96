import ArgumentParser

/// The `lantern` command: runs a node and drives it.
@main
struct Lantern: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lantern",
        abstract: "Run a LanternNode and work with its signals.",
        discussion: """
            Commands that change signals talk to the running node through its local API, so the node stays the \
            only writer. Exit codes: 0 success; 1 failure; 3 the node refused the input; 4 not found or removed; \
            5 authentication or permission refused; 6 an import finished with rejected lines; 64 usage error.
            """,
        subcommands: [
            InitCommand.self, ServeCommand.self, SignalCommand.self, ParticipantCommand.self, TokenCommand.self,
            TaxonomyCommand.self, BackupCommand.self, RestoreCommand.self, CACommand.self, RegistryCommand.self, PeerCommand.self, SyncCommand.self,
            MatchCommand.self, ReviewCommand.self, UserCommand.self, AuditCommand.self,
        ])
}
