import Hummingbird
public import LanternServer

/// The investigators' web UI, served by the node beside its local API under `/ui`: server-rendered pages, no
/// script, nothing loaded from elsewhere. `LanternApp` assembles it and hands `browserPages` to the local API.
public struct InvestigatorUI: Sendable {
    let accounts: AccountService
    let signals: SignalService
    let imports: ImportJobs
    let federation: FederationState?
    let sync: SyncService?
    let settings: UISettings
    let pages: PageRenderer

    public init(
        accounts: AccountService, signals: SignalService, imports: ImportJobs, federation: FederationState? = nil, sync: SyncService? = nil,
        settings: UISettings
    ) throws {
        self.accounts = accounts
        self.signals = signals
        self.imports = imports
        self.federation = federation
        self.sync = sync
        self.settings = settings
        self.pages = try PageRenderer()
    }

    /// The UI as the local API mounts it.
    public var browserPages: BrowserPages {
        BrowserPages(prefix: "/ui") { router in mount(on: router) }
    }

    func mount(on router: Router<APIRequestContext>) {
        let group = router.group("ui", context: UIRequestContext.self)
            .add(middleware: BrowserGuardMiddleware(settings: settings))
            .add(middleware: UIErrorMiddleware(pages: pages))
            .add(middleware: SessionMiddleware(accounts: accounts, settings: settings))
        for (file, type) in [("lantern.css", "text/css; charset=utf-8"), ("icon.svg", "image/svg+xml")] {
            let text = EmbeddedTemplates.files[file] ?? ""
            group.get("static/\(file)") { _, _ in
                Response(
                    status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"], body: .init(byteBuffer: ByteBuffer(string: text)))
            }
        }
        LoginPages(accounts: accounts, pages: pages, settings: settings).register(on: group)
        AccountPages(accounts: accounts, pages: pages, settings: settings).register(on: group)
        DashboardPages(signals: signals, federation: federation, pages: pages).register(on: group)
        SignalBulkPages(signals: signals, pages: pages).register(on: group)
        SignalUploadPages(imports: imports, pages: pages, settings: settings).register(on: group)
        SignalFormPages(signals: signals, pages: pages).register(on: group)
        SignalPages(signals: signals, pages: pages).register(on: group)
        ReviewPages(signals: signals, pages: pages).register(on: group)
        PeerPages(federation: federation, sync: sync, pages: pages).register(on: group)
        AuditPages(accounts: accounts, pages: pages).register(on: group)
        AdminPages(accounts: accounts, pages: pages).register(on: group)
        // Any other path under /ui answers as a page too, with the browser rules, not as the API's JSON.
        for method in [HTTPRequest.Method.get, .post] {
            group.on("**", method: method) { _, _ -> Response in
                throw UIFailure(status: .notFound, heading: "Not found", message: "There is no such page.")
            }
        }
    }
}
