import Foundation
import HALTesting
import Testing

/// The pages in Debian's chromium (headless), against a real `linkyd run --dry-run` whose meter is a
/// pty: no JavaScript error, the live value follows a new frame, the page reconnects by itself after
/// linkyd restarts, and screenshots of every page in `.build/artefacts/web`.
@Suite(.serialized, .enabled(if: Chromium.path != nil, "chromium is not installed: run scripts/bootstrap.sh (apt-get install chromium)"))
struct BrowserTests {
    static let power = "(document.querySelector('[data-meter=\"main\"] [data-field=\"apparent_power_va\"]')?.dataset.value ?? '')"

    @Test func theLivePageFollowsTheMeterAndSurvivesARestart() throws {
        let pty = try PseudoTerminal()
        let port = LinkydProcess.freePort()
        let rules = try Fixtures.rules(port: pty.slavePath, listen: "127.0.0.1:\(port)")
        var linkyd = try LinkydProcess(rules: rules)
        let address = try #require(linkyd.pageAddress(), "no 'web page at' in the log:\n\(linkyd.log)")
        #expect(address == "http://127.0.0.1:\(port)/")
        #expect(linkyd.waitForLog("opened \(pty.slavePath)"), "\(linkyd.log)")
        pty.write(Fixtures.frame(power: 1230))
        #expect(linkyd.waitForLog("[dry-run] water-heater: off → on"), "\(linkyd.log)")

        trace("linkyd runs at \(address); starting chromium")
        let browser = try Chromium()
        trace("chromium started")
        defer { browser.close() }
        let page = try BrowserPage(browser)
        trace("tab open")
        try page.navigate(address)
        trace("page loaded")
        #expect(try page.waitUntil("\(Self.power) === '1230'"), "the first value: \(page.text(Self.power))")

        // A new frame on the pty: the page shows it without a reload (server-sent events).
        let before = Date()
        pty.write(Fixtures.frame(power: 2470))
        #expect(try page.waitUntil("\(Self.power) === '2470'", timeout: 5), "still \(page.text(Self.power))")
        print("BrowserTests: a new frame reached the page in \(Int(Date().timeIntervalSince(before) * 1000)) ms (pty, decoder, SSE, DOM)")
        #expect(try page.evaluate("document.querySelector('[data-output=\"water-heater\"] [data-field=\"state\"]').textContent") as? String == "MARCHE")
        #expect(page.errors.isEmpty, "JavaScript errors: \(page.errors)")
        try page.screenshot(to: Fixtures.artefacts + "/live-phone-fr.png")

        // linkyd restarts on the same port: the page reconnects by itself and follows the new process.
        linkyd.stop()
        #expect(try page.waitUntil("!document.getElementById('banner').hidden", timeout: 10), "no 'connection lost' banner")
        try page.screenshot(to: Fixtures.artefacts + "/live-phone-disconnected.png")
        // (A new pty: a pty slave that every process closed cannot be set up again.)
        let pty2 = try PseudoTerminal()
        linkyd = try LinkydProcess(rules: try Fixtures.rules(port: pty2.slavePath, listen: "127.0.0.1:\(port)"))
        #expect(linkyd.pageAddress() != nil && linkyd.waitForLog("opened \(pty2.slavePath)"), "\(linkyd.log)")
        pty2.write(Fixtures.frame(power: 3100))
        #expect(try page.waitUntil("\(Self.power) === '3100' && document.getElementById('banner').hidden", timeout: 15),
                "after the restart: \(page.text(Self.power))")
        let exceptions = browser.events("Runtime.exceptionThrown", session: page.session)
        #expect(exceptions.isEmpty, "JavaScript exceptions: \(page.errors)")

        // Every page, in French on a phone and in English on a desktop.
        for (path, name) in [("/events", "events"), ("/rules", "rules")] {
            let other = try BrowserPage(browser)
            try other.navigate(address.dropLast() + path)
            #expect(other.errors.isEmpty, "\(path): \(other.errors)")
            try other.screenshot(to: Fixtures.artefacts + "/\(name)-phone-fr.png")
        }
        let desktop = try BrowserPage(browser, width: 1280, height: 800, mobile: false, language: "en-GB,en;q=0.9")
        try desktop.navigate(address)
        #expect(try desktop.waitUntil("\(Self.power) === '3100'"))
        #expect(try desktop.evaluate("document.documentElement.lang") as? String == "en")
        #expect(desktop.errors.isEmpty, "\(desktop.errors)")
        try desktop.screenshot(to: Fixtures.artefacts + "/live-desktop-en.png")
        print("BrowserTests: screenshots in \(Fixtures.artefacts)")
        linkyd.stop()
    }
}
