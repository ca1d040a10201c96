import LanternApp
import LanternCore
import LanternServer
import LanternTesting

extension NodeHome {
    /// A new home for tech participant `id` in `directory`, its local API on a free port.
    static func founded(_ id: String, in directory: TemporaryDirectory) throws -> NodeHome {
        let home = NodeHome(directory.file(id))
        var configuration = NodeConfiguration()
        configuration.apiPort = 0
        try home.found(NodeHome.Founding(participant: Participant(id: ParticipantID(id)!, role: .tech), configuration: configuration))
        return home
    }
}
