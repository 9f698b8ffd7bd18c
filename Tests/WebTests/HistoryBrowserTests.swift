import Controller
import Foundation
import HALTesting
import Testing
@testable import linkyd

/// `/energy` and `/power` in Debian's chromium (headless), against a real `linkyd run --dry-run`
/// (a pty meter) whose history holds 10 simulated days: the charts are drawn (pixels on the canvas,
/// points in the graph), a bar click opens its period, the graph zooms and shows the value under
/// the pointer, no JavaScript error; screenshots in `.build/artefacts/web`.
@Suite(.serialized, .enabled(if: Chromium.path != nil, "chromium is not installed: run scripts/bootstrap.sh (apt-get install chromium)"))
struct HistoryBrowserTests {
    static let libraries = FileManager.default.fileExists(atPath: "/usr/share/javascript/chart.js/chart.min.js")
        && FileManager.default.fileExists(atPath: "/usr/share/javascript/dygraphs/dygraph.min.js")

    /// A history of 10 days and a rules file that records there (with the demo's prices).
    static func daemonRules(port: String, listen: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-web-browser-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("history.sqlite").path
        let rules = try require(RulesCompiler.compile(source: DemoRules.source, file: "demo.yaml").ruleSet)
        _ = try DemoHistory.fill(path: path, rules: rules, meter: "main", days: 10)
        let prices = DemoRules.source[DemoRules.source.range(of: "prices:")!.lowerBound...]
        return try Fixtures.rules(port: port, listen: listen, extra: "history:\n  path: \(path)\n" + prices)
    }

    @Test(.enabled(if: libraries, "libjs-chart.js and libjs-dygraphs are not installed: run scripts/bootstrap.sh"))
    func energyAndPowerDrawTheHistory() throws {
        let pty = try PseudoTerminal()
        let port = LinkydProcess.freePort()
        let linkyd = try LinkydProcess(rules: try Self.daemonRules(port: pty.slavePath, listen: "127.0.0.1:\(port)"))
        defer { linkyd.stop() }
        let address = try #require(linkyd.pageAddress(), "no 'web page at' in the log:\n\(linkyd.log)")
        #expect(linkyd.waitForLog("opened \(pty.slavePath)"), "\(linkyd.log)")
        pty.write(Fixtures.frame(power: 1230))
        let browser = try Chromium()
        defer { browser.close() }

        // /energy: the summary, the bars drawn, a bar opened by a click.
        let energy = try BrowserPage(browser, width: 1280, height: 900, mobile: false)
        try energy.navigate(address + "energy")
        #expect(try energy.waitUntil("Number(document.getElementById('bars').dataset.bars) > 0 && !!Chart.getChart('bars')"),
                "bars: \(energy.text("document.getElementById('bars').dataset.bars"))")
        #expect(try energy.paintedPixels("#bars") > 2000, "the bar chart drew nothing")
        #expect(try energy.evaluate("document.querySelectorAll('.energy-summary tbody tr').length") as? Int ?? 0 >= 3)
        try energy.screenshot(to: Fixtures.artefacts + "/energy-desktop-fr.png")
        // The bar with the most energy: a click opens its hours.
        let point = try require(try energy.evaluate("""
            (() => { const ch = Chart.getChart('bars'); const c = document.getElementById('bars'); c.scrollIntoView();
              const r = c.getBoundingClientRect(); const totals = ch.data.labels.map((_, i) => ch.data.datasets.reduce((s, d) => s + d.data[i], 0));
              const i = totals.indexOf(Math.max(...totals));
              const meta = ch.data.datasets.map((_, d) => ch.getDatasetMeta(d).data[i]).find((b) => b && b.height > 4);
              return [r.left + meta.x, r.top + meta.y + meta.height / 2, i]; })()
            """) as? [Double])
        try energy.click(x: point[0], y: point[1])
        #expect(try energy.waitUntil("document.getElementById('bars').dataset.view.startsWith('hour:')"),
                "after the click: \(energy.text("document.getElementById('bars').dataset.view"))")
        #expect(try energy.waitUntil("Chart.getChart('bars').data.labels.length === 24"))
        try energy.screenshot(to: Fixtures.artefacts + "/energy-day-opened.png")
        // By week: 12 bars, each a week starting on a Monday.
        #expect(try energy.evaluate("document.querySelector('[data-by=week]').click(); true") as? Bool == true)
        #expect(try energy.waitUntil("document.getElementById('bars').dataset.view.startsWith('week:') && Chart.getChart('bars').data.labels.length === 12"),
                "\(energy.text("document.getElementById('bars').dataset.view"))")
        // By month, then prev/next move the range.
        #expect(try energy.evaluate("document.querySelector('[data-by=month]').click(); true") as? Bool == true)
        #expect(try energy.waitUntil("document.getElementById('bars').dataset.view.startsWith('month:')"))
        #expect(try energy.evaluate("document.getElementById('bars-prev').click(); true") as? Bool == true)
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        #expect(try energy.waitUntil("document.getElementById('bars').dataset.view === 'month:\(year - 1)-01-01'"),
                "\(energy.text("document.getElementById('bars').dataset.view"))")
        #expect(energy.errors.isEmpty, "JavaScript errors: \(energy.errors)")
        let phone = try BrowserPage(browser)
        try phone.navigate(address + "energy")
        #expect(try phone.waitUntil("!!Chart.getChart('bars')"))
        #expect(try phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1") as? Bool == true, "no sideways scrolling on a phone")
        try phone.screenshot(to: Fixtures.artefacts + "/energy-phone-fr.png")
        #expect(phone.errors.isEmpty, "JavaScript errors: \(phone.errors)")

        // /power: the curve drawn with its points, the value under the pointer, a drag zooms.
        let power = try BrowserPage(browser, width: 1280, height: 800, mobile: false, language: "en-GB,en;q=0.9")
        try power.navigate(address + "power")
        #expect(try power.waitUntil("!!window.linkydPowerGraph && linkydPowerGraph.numRows() > 1000"),
                "points: \(power.text("document.getElementById('power-graph').dataset.points"))")
        #expect(try power.paintedPixels("#power-graph canvas") > 5000, "the graph drew nothing")
        let area = try require(try power.evaluate("""
            (() => { const g = linkydPowerGraph; const r = g.graphDiv.getBoundingClientRect(); const a = g.getArea();
              return [r.left + a.x, r.top + a.y, a.w, a.h]; })()
            """) as? [Double])
        try power.hover(x: area[0] + area[2] * 0.6, y: area[1] + area[3] / 2)
        #expect(try power.waitUntil("document.getElementById('power-legend').textContent.includes('VA')"),
                "legend: \(power.text("document.getElementById('power-legend').textContent"))")
        try power.screenshot(to: Fixtures.artefacts + "/power-desktop-en.png")
        let before = try require(try power.evaluate("linkydPowerGraph.xAxisRange()[1] - linkydPowerGraph.xAxisRange()[0]") as? Double)
        try power.drag(from: area[0] + area[2] * 0.3, to: area[0] + area[2] * 0.5, y: area[1] + area[3] / 2)
        let after = try require(try power.evaluate("linkydPowerGraph.xAxisRange()[1] - linkydPowerGraph.xAxisRange()[0]") as? Double)
        #expect(after < before * 0.5, "zoomed: \(before) → \(after)")
        #expect(try power.evaluate("document.querySelectorAll('#power-events tbody tr').length") as? Int ?? 0 >= 3, "the events listed")
        #expect(try power.evaluate("document.querySelectorAll('#period-key .chip').length") as? Int ?? 0 >= 2, "the periods' key")
        #expect(power.errors.isEmpty, "JavaScript errors: \(power.errors)")
        try power.screenshot(to: Fixtures.artefacts + "/power-zoomed-en.png")
        let powerPhone = try BrowserPage(browser)
        try powerPhone.navigate(address + "power")
        #expect(try powerPhone.waitUntil("!!window.linkydPowerGraph"))
        try powerPhone.screenshot(to: Fixtures.artefacts + "/power-phone-fr.png")
        #expect(powerPhone.errors.isEmpty, "JavaScript errors: \(powerPhone.errors)")
        print("HistoryBrowserTests: screenshots in \(Fixtures.artefacts)")
    }

    /// Without Debian's libraries: the pages name the package to install and show their numbers.
    @Test func withoutTheLibrariesThePagesSayWhatToInstall() async throws {
        let server = try TestServer(history: try HistoryFixture.source(), javascriptRoot: "/nonexistent")
        let browser = try Chromium()
        defer { browser.close() }
        let energy = try BrowserPage(browser, width: 1280, height: 900, mobile: false)
        try energy.navigate("http://127.0.0.1:\(server.port)/energy")
        #expect(try energy.waitUntil("!document.getElementById('library-missing').hidden"))
        #expect(try energy.waitUntil("document.querySelectorAll('#bars-table tbody tr').length > 20"), "the numbers in a table")
        #expect(try energy.evaluate("document.getElementById('library-missing').textContent.includes('libjs-chart.js')") as? Bool == true)
        // The only errors: the library's 404.
        #expect(energy.errors.allSatisfy { $0.contains("404") }, "\(energy.errors)")
        try energy.screenshot(to: Fixtures.artefacts + "/energy-without-library.png")
        let power = try BrowserPage(browser, width: 1280, height: 900, mobile: false)
        try power.navigate("http://127.0.0.1:\(server.port)/power")
        #expect(try power.waitUntil("!document.getElementById('power-table').hidden && document.querySelectorAll('#power-table tbody tr').length > 10"))
        #expect(try power.evaluate("document.getElementById('library-missing').textContent.includes('libjs-dygraphs')") as? Bool == true)
        #expect(power.errors.allSatisfy { $0.contains("404") }, "\(power.errors)")
        await server.stop()
    }

    /// Three-phase: a curve per phase; a producer: its injection bars.
    @Test(.enabled(if: libraries, "libjs-chart.js and libjs-dygraphs are not installed: run scripts/bootstrap.sh"))
    func phasesAndInjectionAreDrawn() async throws {
        let server = try TestServer(history: try ProducerFixture.made.get())
        let browser = try Chromium()
        defer { browser.close() }
        let power = try BrowserPage(browser, width: 1280, height: 800, mobile: false, language: "en-GB,en;q=0.9")
        try power.navigate("http://127.0.0.1:\(server.port)/power?meter=garage")
        #expect(try power.waitUntil("!!window.linkydPowerGraph && linkydPowerGraph.numRows() > 100"))
        #expect(try power.evaluate("linkydPowerGraph.getLabels().join(',')") as? String == "t,Total,Phase 1,Phase 2,Phase 3")
        #expect(power.errors.isEmpty, "\(power.errors)")
        try power.screenshot(to: Fixtures.artefacts + "/power-three-phase-en.png")
        let energy = try BrowserPage(browser, width: 1280, height: 900, mobile: false, language: "en-GB,en;q=0.9")
        try energy.navigate("http://127.0.0.1:\(server.port)/energy?meter=solar")
        #expect(try energy.waitUntil("!!Chart.getChart('bars') && Chart.getChart('bars').data.datasets.some((d) => d.label === 'Injection' && d.data.some((v) => v > 8))"),
                "\(energy.text("Chart.getChart('bars') && Chart.getChart('bars').data.datasets.map((d) => d.label).join(',')"))")
        #expect(energy.errors.isEmpty, "\(energy.errors)")
        try energy.screenshot(to: Fixtures.artefacts + "/energy-producer-en.png")
        await server.stop()
    }
}
