import ArgumentParser
import Foundation
import LanternApp

/// Options shared by commands that work on a node home.
struct HomeOptions: ParsableArguments {
    @Option(name: .long, help: "The node's home directory (default: $LANTERN_HOME, or ./lantern-home).")
    var home: String?

    var nodeHome: NodeHome {
        NodeHome(home ?? ProcessInfo.processInfo.environment["LANTERN_HOME"] ?? "lantern-home")
    }
}
