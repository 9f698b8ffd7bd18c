import Foundation
import Testing
@testable import Web

/// The page's files are compiled into the binary from web/: the two must agree.
@Suite struct EmbeddedAssetsTests {
    static let web = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("web")

    @Test(arguments: ["app.css", "live.js", "energy.js", "power.js"])
    func embeddedEqualsTheFile(name: String) throws {
        let file = try String(contentsOf: Self.web.appendingPathComponent(name), encoding: .utf8)
        let embedded = try #require(EmbeddedAssets.files[name], "\(name) is not embedded: run scripts/embed-web-assets.py")
        #expect(embedded + "\n" == file, "web/\(name) changed: run scripts/embed-web-assets.py")
    }
}
