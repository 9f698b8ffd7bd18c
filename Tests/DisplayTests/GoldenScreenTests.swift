@testable import Display
import Foundation
import Testing

/// Every screen in GoldenScreens against Golden/NAME.txt (the `Framebuffer.ascii` text).
/// `LINKYD_REGENERATE_GOLDEN=1 swift test --filter GoldenScreenTests` rewrites them; review the diff.
@Suite struct GoldenScreenTests {
    static let sourceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static var regenerating: Bool { ProcessInfo.processInfo.environment["LINKYD_REGENERATE_GOLDEN"] == "1" }

    static func bundled(_ name: String) -> String? {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Golden") else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    @Test(arguments: GoldenScreens.cases)
    func screenMatchesItsGoldenFile(_ screen: GoldenScreen) throws {
        let ascii = screen.render().ascii
        if Self.regenerating {
            try ascii.write(to: Self.sourceDirectory.appendingPathComponent("\(screen.name).txt"), atomically: true, encoding: .utf8)
            return
        }
        let expected = try #require(Self.bundled("\(screen.name).txt"), "no golden file: regenerate with LINKYD_REGENERATE_GOLDEN=1")
        #expect(ascii == expected, "regenerate with LINKYD_REGENERATE_GOLDEN=1 and review the diff")
    }

    @Test func casesCoverEveryStateInBothSizes() {
        let names = Set(GoldenScreens.cases.map(\.name))
        #expect(names.count == GoldenScreens.cases.count)
        for state in ["normal-tempo", "producer", "three-meters", "ejp-notice", "ejp-peak", "tempo-red", "overpower",
                      "shedding", "signal-lost", "reload-error"] {
            #expect(names.contains(state + "-64") && names.contains(state + "-32"), "\(state)")
        }
    }

    /// Normal screens leave the last column and row free for the burn-in shift.
    @Test(arguments: GoldenScreens.cases.filter { $0.status.alerts.isEmpty && $0.cycle.minute == 0 })
    func normalScreensKeepTheBurnInMargin(_ screen: GoldenScreen) {
        let frame = screen.render()
        #expect((0..<frame.height).allSatisfy { !frame[frame.width - 1, $0] }, "last column")
        #expect((0..<frame.width).allSatisfy { !frame[$0, frame.height - 1] }, "last row")
    }

    @Test func criticalAlertsInvertTheWholeScreenOnTheFlashPhase() {
        let status = GoldenScreens.one(GoldenScreens.tempo, signal: .lost(since: .seconds(60)))
        let on = Dashboard.render(status, size: .size128x64, settings: DisplaySettings(pixelShiftInterval: nil), cycle: RenderCycle(flash: true))
        var off = Dashboard.render(status, size: .size128x64, settings: DisplaySettings(pixelShiftInterval: nil), cycle: RenderCycle(flash: false))
        off.invertAll()
        #expect(on == off)
    }

    @Test func renderingIsAPureFunctionOfItsInputs() {
        for screen in GoldenScreens.cases.prefix(8) { #expect(screen.render() == screen.render()) }
    }
}
