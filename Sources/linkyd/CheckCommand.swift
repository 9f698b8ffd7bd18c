import ArgumentParser
import Controller
import Foundation
import HAL
import Web

/// `linkyd check FILE`: exit 0 when the rules file is valid (with a summary), 1 with every problem.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a rules file: print every problem with its line and column, or a summary."
    )

    @Argument(help: "The rules file, e.g. /etc/linkyd/rules.yaml.")
    var file: String

    func run() throws {
        let source = try readRulesFile(file)
        let compilation = RulesCompiler.compile(source: source, file: file)
        if !compilation.diagnostics.isEmpty {
            FileHandle.standardError.write(Data((compilation.diagnostics.rendered(source: source) + "\n").utf8))
        }
        guard let rules = compilation.ruleSet else { throw ExitCode(1) }
        let web = webProblem(rules.web)
        if let web, !web.isWarning {
            FileHandle.standardError.write(Data("\(file):\(rules.web.location.line):\(rules.web.location.column): error: web: \(web.text)\n".utf8))
            throw ExitCode(1)
        }
        print("\(file): OK")
        print(rules.summary)
        if let web {
            FileHandle.standardError.write(Data("\(file): warning: web: \(web.text)\n".utf8))
        }
    }
}

/// The rules file's text (``RulesFile/read(_:)``), or its error printed to standard error
/// (`PATH[:LINE:COL]: error: …` and a hint) and exit status 1.
func readRulesFile(_ path: String) throws -> String {
    do {
        return try RulesFile.read(path)
    } catch {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(1)
    }
}

extension RuleSet {
    /// A few lines saying what the file does, for `linkyd check`.
    var summary: String {
        var lines: [String] = []
        for meter in meters {
            lines.append("meter \(meter.name): \(meter.port), mode \(meter.mode.rawValue)\(meter.parity.map { ", parity \($0.rawValue)" } ?? "")")
        }
        for output in outputs {
            var line = "output \(output.name): \(output.gpio)\(output.activeLow ? " (active-low)" : ""), initial \(output.initial), fail-safe \(output.failsafe)"
            if output.minOn > .zero || output.minOff > .zero { line += ", min-on \(output.minOn.readable), min-off \(output.minOff.readable)" }
            lines.append(line)
        }
        for rule in rules {
            lines.append("rule '\(rule.name)': " + rule.actions.map { "\($0.output) \($0.state)" }.joined(separator: ", "))
        }
        if let shedding {
            lines.append("shedding on \(shedding.meter): above \(shedding.limit), back below \(shedding.release), loads \(shedding.loads.joined(separator: " → "))")
        }
        switch web.listen {
        case .off: lines.append("web page: off")
        case .address: lines.append("web page at \(web.listen)" + (web.usersFile.map { ", users in \($0)" } ?? ", no password"))
        }
        lines.append("signal loss after \(signalLossTimeout.readable) without a valid frame: outputs go to their fail-safe state")
        return lines.map { "  " + $0 }.joined(separator: "\n")
    }
}

/// Whether `linkyd run` could listen where `web:` says: an address that is not this machine's is an
/// error; a port in use only a warning (it is in use by linkyd itself when it runs).
func webProblem(_ web: WebConfig) -> (text: String, isWarning: Bool)? {
    guard case .address(_, let port) = web.listen, let problem = ListenProbe.problem(web) else { return nil }
    return ("\(web.listen): \(problem)", problem.hasPrefix("port \(port) is already in use"))
}
