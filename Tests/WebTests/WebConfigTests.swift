import Controller
import Testing
@testable import Web

/// The `web:` section of the rules file and the address checks of `linkyd check` / start.
struct WebConfigTests {
    static let base = "meters:\n  main: { port: /dev/ttyAMA0 }\n"

    func compile(_ web: String) -> Compilation { RulesCompiler.compile(source: Self.base + web, file: "rules.yaml") }

    @Test func withoutAWebSectionThePageIsOnEveryInterfaceOnPort8080() throws {
        let rules = try #require(compile("").ruleSet)
        #expect(rules.web.listen == .address(host: "0.0.0.0", port: 8080))
        #expect(rules.web.usersFile == nil)
    }

    @Test(arguments: [("127.0.0.1:8080", WebConfig.Listen.address(host: "127.0.0.1", port: 8080)),
                      ("off", .off), ("9000", .address(host: "0.0.0.0", port: 9000)),
                      ("[::]:8080", .address(host: "::", port: 8080)), ("localhost:80", .address(host: "localhost", port: 80))])
    func listenAddresses(text: String, expected: WebConfig.Listen) throws {
        let rules = try #require(compile("web:\n  listen: \"\(text)\"\n  users-file: /etc/linkyd/users\n").ruleSet)
        #expect(rules.web.listen == expected)
        #expect(rules.web.usersFile == "/etc/linkyd/users")
    }

    @Test(arguments: ["0.0.0.0:99999", "pi.local:8080", "300.1.1.1:80", "[::1:80", "8080:"])
    func badAddressesAreDiagnostics(text: String) {
        let compilation = compile("web:\n  listen: \"\(text)\"\n")
        #expect(compilation.ruleSet == nil)
        #expect(compilation.diagnostics.rendered(source: Self.base).contains("rules.yaml:4:11: error"), "\(compilation.diagnostics.rendered(source: Self.base))")
    }

    @Test func anUnknownKeySuggestsTheRightOne() {
        let source = Self.base + "web:\n  lisen: 127.0.0.1:8080\n"
        let rendered = RulesCompiler.compile(source: source, file: "rules.yaml").diagnostics.rendered(source: source)
        #expect(rendered.contains("did you mean 'listen'"), "\(rendered)")
    }

    @Test func aPortInUseIsExplained() throws {
        let port = LinkydProcess.freePort()
        let holder = HTTPClient.listen(port)
        defer { holder.close() }
        let problem = try #require(ListenProbe.problem(host: "127.0.0.1", port: port))
        #expect(problem.hasPrefix("port \(port) is already in use"), "\(problem)")
        #expect(ListenProbe.problem(host: "192.0.2.7", port: 8080)?.contains("is not an address of this machine") == true)
        #expect(ListenProbe.problem(host: "127.0.0.1", port: LinkydProcess.freePort()) == nil)
    }

    @Test func languageNegotiation() {
        #expect(Language.negotiate(query: nil, acceptLanguage: nil) == .french)
        #expect(Language.negotiate(query: "en", acceptLanguage: "fr-FR") == .english)
        #expect(Language.negotiate(query: nil, acceptLanguage: "en-GB,en;q=0.9,fr;q=0.8") == .english)
        #expect(Language.negotiate(query: nil, acceptLanguage: "de,fr;q=0.3,en;q=0.2") == .french)
        #expect(Language.negotiate(query: nil, acceptLanguage: "de") == .french)
    }
}
