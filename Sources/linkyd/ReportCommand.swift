import ArgumentParser
import Controller
import Foundation
import Web
import History

/// `linkyd report`: energy and cost per tariff period, per meter and interval, from the history
/// (issue 9). Cost is computed now, from the prices of the rules file in force on each local day.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Energy and cost per tariff period, by hour, day, month or year, from the history.",
        discussion: """
        Days are local calendar days (midnight to midnight, the history's time zone), whatever the \
        Tempo day boundary. Prices come from the rules file's prices: section, by date, so prices \
        entered late price the past correctly. --json prints one object per meter and interval.
        """
    )

    @Option(help: "The history database (default: history: path: of the rules file).")
    var db: String?

    @Option(help: "The rules file, for prices and the history's path and time zone.")
    var rules: String = "/etc/linkyd/rules.yaml"

    @Option(help: "Only this meter (its name in the rules file).")
    var meter: String?

    @Option(help: "First local day, YYYY-MM-DD (default: the first recorded).")
    var from: String?

    @Option(help: "Last local day, YYYY-MM-DD, included (default: the last recorded).")
    var to: String?

    @Option(help: "hour, day, month or year.")
    var by: String = "day"

    @Flag(help: "One JSON object per meter and interval.")
    var json = false

    @Flag(help: "CSV: one line per meter, interval and period.")
    var csv = false

    func run() throws {
        guard let step = ReportStep(rawValue: by), step != .minute else {
            throw ValidationError("--by: write hour, day, month or year")
        }
        let context = try HistoryContext(db: db, rules: rules, explicitRules: CommandLine.arguments.contains("--rules"))
        let fromDate = try from.map { try HistoryContext.date($0, option: "--from") }
        let toDate = try to.map { try HistoryContext.date($0, option: "--to") }
        let store = try context.openStore()
        let intervals = try context.run { () throws(HistoryError) in
            try store.energy(meter: meter, from: fromDate, to: toDate, by: step).map { $0.priced(by: context.prices) }
        }
        let unpriced = Set(intervals.flatMap { interval in interval.unpriced.map { "\(interval.meter): \($0)" } })
        if !context.prices.isEmpty, !unpriced.isEmpty {
            FileHandle.standardError.write(Data("warning: energy without a price in force (not costed): \(unpriced.sorted().joined(separator: ", "))\nhint: add the period to prices: in \(rules)\n".utf8))
        }
        if json {  // the same rows as /api/energy (EnergyInterval+JSON in Web)
            for interval in intervals { print(interval.json) }
        } else if csv {
            print(EnergyInterval.csvHeader)
            for interval in intervals { interval.csvLines.forEach { print($0) } }
        } else {
            print(Self.table(intervals))
        }
    }

    /// Euros to 4 decimals.
    static func euros(_ value: Double) -> String { EnergyInterval.euros(value) }

    static func table(_ intervals: [EnergyInterval]) -> String {
        var lines = ["meter        interval       period        energy kWh     cost €"]
        func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count) }
        func left(_ text: String, _ width: Int) -> String { text.count >= width ? text : String(repeating: " ", count: width - text.count) + text }
        for interval in intervals {
            let date = interval.date + (interval.key.hour.map { " \($0 < 10 ? "0" : "")\($0)h" } ?? "")
            for period in interval.energy.keys.sorted() {
                let kwh = String(format: "%.3f", Double(interval.energy[period] ?? 0) / 1000)
                lines.append(pad(interval.meter, 13) + pad(date, 15) + pad(period, 12) + left(kwh, 12) + left(interval.cost[period].map(euros) ?? "-", 11))
            }
            if let subscription = interval.subscription {
                lines.append(pad("", 28) + pad("subscription", 12) + left("", 12) + left(euros(subscription), 11))
            }
            if let injected = interval.injected, injected > 0 {
                lines.append(pad("", 28) + pad("injected", 12) + left(String(format: "%.3f", Double(injected) / 1000), 12) + left(interval.injectionValue.map(euros) ?? "-", 11))
            }
            lines.append(pad("", 28) + pad("total", 12) + left(String(format: "%.3f", Double(interval.totalEnergy) / 1000), 12) + left(interval.total.map(euros) ?? "-", 11))
        }
        if intervals.isEmpty { lines.append("(no energy recorded in this range)") }
        return lines.joined(separator: "\n")
    }
}
