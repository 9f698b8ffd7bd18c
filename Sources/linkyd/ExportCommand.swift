import ArgumentParser
import Controller
import Foundation
import History

/// `linkyd export`: the power series as CSV, for spreadsheets (issue 9).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the power series (mean/min/max apparent power, currents, voltages) as CSV.",
        discussion: "1m rows are kept for history: keep-minutes (default 400 days), 1h rows for ever; 1d merges the hours of each local day."
    )

    @Option(help: "The history database (default: history: path: of the rules file).")
    var db: String?

    @Option(help: "The rules file, for the history's path and time zone.")
    var rules: String = "/etc/linkyd/rules.yaml"

    @Option(help: "Only this meter.")
    var meter: String?

    @Option(help: "First local day, YYYY-MM-DD.")
    var from: String

    @Option(help: "Last local day, YYYY-MM-DD, included.")
    var to: String

    @Option(help: "1m, 1h or 1d.")
    var step: String = "1h"

    @Flag(help: "CSV output (the only format).")
    var csv = false

    func run() throws {
        let steps: [String: ReportStep] = ["1m": .minute, "1h": .hour, "1d": .day]
        guard let step = steps[step] else { throw ValidationError("--step: write 1m, 1h or 1d") }
        let context = try HistoryContext(db: db, rules: rules, explicitRules: CommandLine.arguments.contains("--rules"))
        let fromDate = try HistoryContext.date(from, option: "--from"), toDate = try HistoryContext.date(to, option: "--to")
        let store = try context.openStore()
        let samples = try context.run { () throws(HistoryError) in
            try store.power(meter: meter, from: fromDate, to: toDate, step: step, calendar: context.calendar)
        }
        print((["meter", "time", "samples"] + HistoryStore.powerColumns).joined(separator: ","))
        for sample in samples {
            let values = sample.values.map { $0.map(String.init) ?? "" }
            print(([sample.meter, context.calendar.text(sample.time), String(sample.samples)] + values).joined(separator: ","))
        }
    }
}
