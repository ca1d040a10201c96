import Foundation
import Testing

@testable import LanternUI

@Suite struct EmbeddedTemplatesTests {
    @Test func theBinaryServesTheTemplatesAsWritten() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/LanternUI/Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == EmbeddedTemplates.files.keys.sorted(), "run .ci/embed-templates.py")
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(EmbeddedTemplates.files[name] == text.trimmingCharacters(in: .newlines), "\(name) differs: run .ci/embed-templates.py")
        }
    }

    @Test func everyTemplateParses() throws {
        _ = try PageRenderer()
    }
}
