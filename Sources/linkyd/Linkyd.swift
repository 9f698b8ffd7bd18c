import ArgumentParser
import CStartup

/// The linkyd command line. `@main` lives here, not in main.swift (top-level code there is
/// main-actor isolated, which breaks C callbacks from other threads — ARCHITECTURE.md).
///
/// SIGHUP, SIGTERM and SIGINT are caught from before `main` (Sources/CStartup): `run` reads them on its
/// own thread; every other command gets the default actions back first (Ctrl-C stops it).
@main
struct Linkyd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linkyd",
        abstract: "Reads a French electricity meter's TIC stream (Linky and older meters) and acts on it.",
        subcommands: [RunCommand.self, CheckCommand.self, SimulateCommand.self, DecodeCommand.self, DemoCommand.self, DisplayCommand.self,
                      ReportCommand.self, ExportCommand.self]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if !(command is RunCommand) { linkyd_startup_restore_default_signals() }
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
