import Controller
import Foundation
import History
import Web
@testable import linkyd

/// One history database for the API tests, filled once by the demo's simulated household
/// (``DemoHistory``: 10 days ending now, through the rules of `linkyd demo`), and the demo's rules
/// written to a file (for `linkyd report --rules`).
enum HistoryFixture {
    struct Made {
        var path: String
        var rulesPath: String
        var rules: RuleSet
        var summary: DemoHistory.Summary
    }

    static let made: Result<Made, any Error> = Result(catching: {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-web-history-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let rulesPath = directory.appendingPathComponent("demo.yaml").path
        try DemoRules.source.write(toFile: rulesPath, atomically: true, encoding: .utf8)
        let rules = try require(RulesCompiler.compile(source: DemoRules.source, file: rulesPath).ruleSet)
        let path = directory.appendingPathComponent("history.sqlite").path
        let summary = try DemoHistory.fill(path: path, rules: rules, meter: "main", days: 10)
        return Made(path: path, rulesPath: rulesPath, rules: rules, summary: summary)
    })

    static func get() throws -> Made { try made.get() }

    static func source() throws -> HistorySource {
        let made = try get()
        var config = made.rules.history
        config.path = made.path
        return try require(HistorySource(config: config, prices: made.rules.prices))
    }

    /// `linkyd report ARGUMENTS` (the binary beside the tests): its standard output.
    static func linkyd(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LinkydProcess.binary)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
