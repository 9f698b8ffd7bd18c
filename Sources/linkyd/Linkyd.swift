import ArgumentParser

/// The linkyd command line. `@main` lives here, not in main.swift (top-level code there is
/// main-actor isolated, which breaks C callbacks from other threads — ARCHITECTURE.md).
@main
struct Linkyd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linkyd",
        abstract: "Reads a French electricity meter's TIC stream (Linky and older meters) and acts on it.",
        subcommands: [RunCommand.self, CheckCommand.self, SimulateCommand.self, DecodeCommand.self, DemoCommand.self, DisplayCommand.self]
    )
}
