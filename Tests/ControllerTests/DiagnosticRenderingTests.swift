import Controller
import Testing

@Suite struct DiagnosticRenderingTests {
    static let source = String(repeating: "\n", count: 13) + "    then: { chauffe_eau: off }\n"

    /// The block of ARCHITECTURE.md (whose head line says column 17 where its caret stands at 13).
    @Test func rendersLikeTheArchitectureDocument() {
        let diagnostic = Diagnostic(.error, file: "rules.yaml", at: SourceLocation(line: 14, column: 13), length: 11,
                                    "unknown output 'chauffe_eau'", hint: "did you mean 'chauffe-eau'? (declared at line 3)")
        #expect(diagnostic.rendered(source: Self.source) == """
            rules.yaml:14:13: error: unknown output 'chauffe_eau'
               |
            14 |     then: { chauffe_eau: off }
               |             ^^^^^^^^^^^
            hint: did you mean 'chauffe-eau'? (declared at line 3)
            """)
        #expect(diagnostic.oneLine == "rules.yaml:14:13: error: unknown output 'chauffe_eau' — hint: did you mean 'chauffe-eau'? (declared at line 3)")
    }

    /// The compiler finds the same position and hint for that line.
    @Test func compilerPointsAtTheUnknownOutput() throws {
        let source = RulesFixture.file(when: "{ period: hc }").replacingOccurrences(of: "then: { heater: on, led: on }", with: "then: { chauffe_eau: off }")
        let diagnostics = RulesFixture.compile(source).diagnostics
        let diagnostic = try #require(diagnostics.errors.first)
        #expect(diagnostic.message == "unknown output 'chauffe_eau'")
        #expect(diagnostic.location == SourceLocation(line: 9, column: 13) && diagnostic.length == 11)
        #expect(diagnostic.hint == "declared outputs: 'heater' or 'led'")
    }

    @Test func clipsTheUnderlineAndSkipsMissingLines() {
        let long = Diagnostic(.warning, file: "f", at: SourceLocation(line: 1, column: 3), length: 50, "w")
        #expect(long.rendered(source: "abcd\n") == "f:1:3: warning: w\n  |\n1 | abcd\n  |   ^^")
        let outside = Diagnostic(.error, file: "f", at: SourceLocation(line: 9, column: 1), "e", hint: "h")
        #expect(outside.rendered(source: "abcd\n") == "f:9:1: error: e\nhint: h")
    }

    @Test func diagnosticsAreSortedAndSummarised() {
        let diagnostics = Diagnostics([
            Diagnostic(.warning, file: "f", at: SourceLocation(line: 2, column: 1), "second"),
            Diagnostic(.error, file: "f", at: SourceLocation(line: 1, column: 5), "first"),
            Diagnostic(.error, file: "f", at: SourceLocation(line: 3, column: 1), "third"),
        ])
        #expect(diagnostics.items.map(\.message) == ["first", "second", "third"])
        #expect(diagnostics.summary == "2 errors, 1 warning")
        #expect(Diagnostics().summary == "no problems")
        #expect(diagnostics.oneLines.first == "f:1:5: error: first")
    }

    @Test func compilationResult() {
        let compilation = RulesCompiler.compile(source: "meters: {}\n", file: "x.yaml")
        guard case .failure(let diagnostics) = compilation.result else {
            Issue.record("expected a failure")
            return
        }
        #expect(diagnostics.errors.map(\.message) == ["no meter declared"])
    }
}
