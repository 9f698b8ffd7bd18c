import Controller
import Foundation
import Testing

/// Invalid rules files in Golden/ and exactly what `linkyd check` prints for each (`NAME.expected`).
/// `LINKYD_REGENERATE_GOLDEN=1` rewrites the expected files in the source tree instead of comparing.
@Suite struct GoldenDiagnosticsTests {
    static let sourceDirectory = RulesFixture.repositoryRoot.appendingPathComponent("Tests/ControllerTests/Golden")
    static var regenerating: Bool { ProcessInfo.processInfo.environment["LINKYD_REGENERATE_GOLDEN"] == "1" }

    static var cases: [String] {
        guard let directory = Bundle.module.url(forResource: "Golden", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func bundled(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Golden"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func thereAreGoldenCases() {
        #expect(Self.cases.count >= 8)
    }

    @Test(arguments: cases)
    func diagnosticsMatch(_ name: String) throws {
        let source = try Self.bundled("\(name).yaml")
        let rendered = RulesFixture.compile(source, file: "\(name).yaml").diagnostics.rendered(source: source)
        if Self.regenerating {
            let url = Self.sourceDirectory.appendingPathComponent("\(name).expected")
            try rendered.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try Self.bundled("\(name).expected")
        #expect(rendered == expected, "regenerate with LINKYD_REGENERATE_GOLDEN=1 and review the diff")
    }

    /// Every problem planted in a golden file carries a `# expect:` comment on its line: each of those
    /// lines has a diagnostic, so a regenerated golden cannot silently lose one.
    @Test(arguments: cases)
    func everyPlantedProblemIsReported(_ name: String) throws {
        let source = try Self.bundled("\(name).yaml")
        let diagnostics = RulesFixture.compile(source, file: "\(name).yaml").diagnostics
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where line.contains("# expect:") {
            #expect(diagnostics.items.contains { $0.location.line == index + 1 }, "line \(index + 1): \(line)")
        }
    }
}
