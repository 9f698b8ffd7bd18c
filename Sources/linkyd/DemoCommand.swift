import ArgumentParser
import TIC

/// `linkyd demo`: the simulated meter through the decoder, live.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the built-in simulated meter through the decoder and show the meter state."
    )

    func run() async throws {
        print("linkyd demo: simulated meter (coming with the simulator)")
    }
}
