import Foundation

/// One tab of ``Chromium``: navigate, evaluate, screenshot, and every JavaScript error it reported
/// (uncaught exceptions, `console.error`, error log entries).
final class BrowserPage: @unchecked Sendable {
    let browser: Chromium
    let session: String

    /// A new tab with a phone's viewport (or `width`×`height` CSS pixels).
    init(_ browser: Chromium, width: Int = 390, height: Int = 844, mobile: Bool = true, language: String = "fr-FR,fr;q=0.9") throws {
        self.browser = browser
        let target = try browser.send("Target.createTarget", ["url": "about:blank"])
        guard let targetID = target["targetId"] as? String else { throw Chromium.Failure(description: "no targetId") }
        let attached = try browser.send("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        guard let session = attached["sessionId"] as? String else { throw Chromium.Failure(description: "no sessionId") }
        self.session = session
        for domain in ["Page.enable", "Runtime.enable", "Log.enable", "Network.enable"] { try browser.send(domain, session: session) }
        try browser.send("Network.setExtraHTTPHeaders", ["headers": ["Accept-Language": language]], session: session)
        try browser.send("Emulation.setDeviceMetricsOverride",
                         ["width": width, "height": height, "deviceScaleFactor": mobile ? 2 : 1, "mobile": mobile], session: session)
    }

    /// Loads `url` and waits for its load event.
    func navigate(_ url: String) throws {
        let before = browser.events("Page.loadEventFired", session: session).count
        try browser.send("Page.navigate", ["url": url], session: session)
        _ = try browser.wait(timeout: 20, "load event for \(url)") { [session, browser] _ in
            browser.events("Page.loadEventFired", session: session).count > before
        }
    }

    /// The value of a JavaScript expression (JSON-compatible), or nil.
    func evaluate(_ expression: String) throws -> Any? {
        let result = try browser.send("Runtime.evaluate", ["expression": expression, "returnByValue": true], session: session)
        return (result["result"] as? [String: Any])?["value"]
    }

    /// The value as text, for messages ("error: …" when evaluating failed).
    func text(_ expression: String) -> String {
        do { return "\(try evaluate(expression) ?? "nil")" } catch { return "error: \(error)" }
    }

    /// Polls `expression` until it is true (at most `timeout` seconds).
    func waitUntil(_ expression: String, timeout: Double = 10) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try evaluate(expression) as? Bool == true { return true }
            usleep(50_000)
        }
        return false
    }

    /// A PNG of the whole page (beyond the viewport).
    func screenshot(to path: String) throws {
        let result = try browser.send("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": true], session: session)
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw Chromium.Failure(description: "no screenshot data")
        }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// JavaScript errors so far, one line each.
    var errors: [String] {
        var lines: [String] = []
        for event in browser.events("Runtime.exceptionThrown", session: session) {
            let details = (event["params"] as? [String: Any])?["exceptionDetails"] as? [String: Any]
            let exception = details?["exception"] as? [String: Any]
            lines.append("exception: \(exception?["description"] ?? details?["text"] ?? "?")")
        }
        for event in browser.events("Runtime.consoleAPICalled", session: session) {
            let params = event["params"] as? [String: Any]
            if params?["type"] as? String == "error" { lines.append("console.error: \(params?["args"] ?? "")") }
        }
        for event in browser.events("Log.entryAdded", session: session) {
            let entry = (event["params"] as? [String: Any])?["entry"] as? [String: Any]
            if entry?["level"] as? String == "error" { lines.append("log: \(entry?["text"] ?? "") \(entry?["url"] ?? "")") }
        }
        return lines
    }
}

extension BrowserPage {
    /// A left click at (x, y) CSS pixels of the viewport, as a person's mouse would.
    func click(x: Double, y: Double) throws {
        try browser.send("Input.dispatchMouseEvent", ["type": "mouseMoved", "x": x, "y": y], session: session)
        try browser.send("Input.dispatchMouseEvent", ["type": "mousePressed", "x": x, "y": y, "button": "left", "buttons": 1, "clickCount": 1], session: session)
        try browser.send("Input.dispatchMouseEvent", ["type": "mouseReleased", "x": x, "y": y, "button": "left", "buttons": 0, "clickCount": 1], session: session)
    }

    /// A left-button drag from (x1, y) to (x2, y) in steps.
    func drag(from x1: Double, to x2: Double, y: Double) throws {
        try browser.send("Input.dispatchMouseEvent", ["type": "mouseMoved", "x": x1, "y": y], session: session)
        try browser.send("Input.dispatchMouseEvent", ["type": "mousePressed", "x": x1, "y": y, "button": "left", "buttons": 1, "clickCount": 1], session: session)
        for step in 1...10 {
            let x = x1 + (x2 - x1) * Double(step) / 10
            try browser.send("Input.dispatchMouseEvent", ["type": "mouseMoved", "x": x, "y": y, "button": "left", "buttons": 1], session: session)
        }
        try browser.send("Input.dispatchMouseEvent", ["type": "mouseReleased", "x": x2, "y": y, "button": "left", "buttons": 0, "clickCount": 1], session: session)
    }

    /// The pointer moves to (x, y) (hover).
    func hover(x: Double, y: Double) throws {
        try browser.send("Input.dispatchMouseEvent", ["type": "mouseMoved", "x": x, "y": y], session: session)
    }

    /// How many pixels of a canvas are not transparent (a chart drew something).
    func paintedPixels(_ selector: String) throws -> Int {
        let script = """
        (() => { let n = 0; document.querySelectorAll('\(selector)').forEach((c) => {
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < d.length; i += 4) if (d[i]) n++; }); return n; })()
        """
        return (try evaluate(script) as? Int) ?? 0
    }
}
