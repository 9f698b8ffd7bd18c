import ArgumentParser
import Controller
import Foundation
import History

/// What `report` and `export` take from the rules file: the history's path, its time zone and the
/// prices. A missing rules file is fine when `--db` is given (no prices then, Paris days).
struct HistoryContext {
    var path: String
    var calendar: LocalCalendar
    var prices: PriceSchedule

    init(db: String?, rules: String, explicitRules: Bool) throws {
        var config = HistoryConfig()
        prices = PriceSchedule()
        if explicitRules || FileManager.default.fileExists(atPath: rules) {
            let source = try readRulesFile(rules)
            let compilation = RulesCompiler.compile(source: source, file: rules)
            guard let ruleSet = compilation.ruleSet else {
                FileHandle.standardError.write(Data((compilation.diagnostics.rendered(source: source) + "\n").utf8))
                throw ExitCode(1)
            }
            config = ruleSet.history
            prices = ruleSet.prices
        }
        path = db ?? config.path
        calendar = LocalCalendar(identifier: config.timeZone) ?? LocalCalendar(zone: .gmt)
    }

    func openStore() throws -> HistoryStore {
        try run { () throws(HistoryError) in try HistoryStore.open(path: path, create: false) }
    }

    /// Runs `body`; a history error is printed with its hint, exit status 1.
    func run<T>(_ body: () throws(HistoryError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            FileHandle.standardError.write(Data("error: \(error.path): \(error.problem)\nhint: \(error.hint)\n".utf8))
            throw ExitCode(1)
        }
    }

    static func date(_ text: String, option: String) throws -> CalendarDate {
        guard let date = CalendarDate(parsing: text) else { throw ValidationError("\(option): write a local day as YYYY-MM-DD, e.g. 2026-01-15") }
        return date
    }
}
