/// The frame every page shares: `<head>` (one stylesheet, no external font or CDN), the navigation
/// with the current page marked, the language switch.
struct PageShell {
    enum Page: String, CaseIterable {
        case live = "/", energy = "/energy", power = "/power", events = "/events", rules = "/rules"

        var key: String {
            switch self {
            case .live: "live"
            case .energy: "energy"
            case .power: "power_page"
            case .events: "events"
            case .rules: "rules"
            }
        }
    }

    var page: Page
    var language: Language
    /// The asset version, for cache-busting URLs.
    var version: String

    func render(body: String, script: String? = nil) -> String {
        let t = { (key: String) in HTML.escape(Strings.get(key, language)) }
        let suffix = language == .english ? "?lang=en" : ""
        let nav = Page.allCases.map { item in
            "<a href=\"\(item.rawValue)\(suffix)\"\(item == page ? " aria-current=\"page\"" : "")>\(t(item.key))</a>"
        }.joined()
        let other: Language = language == .french ? .english : .french
        let switchLink = "<a class=\"lang\" href=\"\(page.rawValue)?lang=\(other.rawValue)\" hreflang=\"\(other.rawValue)\">\(other == .english ? "EN" : "FR")</a>"
        return """
        <!doctype html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(t(page.key)) · linkyd</title>
        <link rel="stylesheet" href="/static/app.css?v=\(version)">
        <link rel="icon" href="data:,">
        </head>
        <body data-page="\(page.key)">
        <header><span class="brand">linkyd</span><nav>\(nav)</nav>\(switchLink)</header>
        <main>
        \(body)
        </main>
        \(script.map { "<script src=\"/static/\($0)?v=\(version)\" defer></script>" } ?? "")
        </body>
        </html>
        """
    }
}
