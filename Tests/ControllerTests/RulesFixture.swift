import Controller
import Foundation

/// Rules files built around a snippet, and the repository's files.
enum RulesFixture {
    /// The repository root, from this file's path (Tests/ControllerTests/RulesFixture.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let oneMeter = "  main: { port: /dev/ttyAMA0 }\n"
    static let twoMeters = "  main: { port: /dev/ttyAMA0 }\n  pool: { port: /dev/ttyUSB0 }\n"

    /// A valid file with outputs `heater` and `led` and one rule `when: SNIPPET` (flow style).
    static func file(when snippet: String, meters: String = oneMeter) -> String {
        """
        meters:
        \(meters)outputs:
          heater: { gpio: { chip: gpiochip0, line: GPIO17 }, failsafe: on }
          led: { gpio: { chip: gpiochip0, line: 25 }, failsafe: off }
        rules:
          - name: r
            when: \(snippet)
            then: { heater: on, led: on }

        """
    }

    static func compile(_ source: String, file: String = "rules.yaml") -> Compilation {
        RulesCompiler.compile(source: source, file: file)
    }

    /// The compiled condition of the only rule of `file(when:)`, or nil with the diagnostics.
    static func condition(_ snippet: String, meters: String = oneMeter) -> (Condition?, Diagnostics) {
        let compilation = compile(file(when: snippet, meters: meters))
        return (compilation.ruleSet?.rules.first?.condition, compilation.diagnostics)
    }
}
