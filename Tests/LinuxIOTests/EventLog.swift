import LinuxIO
import Synchronization

/// Collects a ``SerialReader``'s events from a background task, so tests can wait for a condition
/// with a generous timeout without cancelling the stream.
final class EventLog: Sendable {
    private final class Shared: Sendable {
        let state = Mutex<(events: [SerialReader.Event], finished: Bool)>(([], false))
    }

    private let shared = Shared()
    /// The consuming task: cancel it to stop the reader.
    let task: Task<Void, Never>

    init(_ reader: SerialReader) {
        let shared = self.shared
        task = Task.detached {
            for await event in reader { shared.state.withLock { $0.events.append(event) } }
            shared.state.withLock { $0.finished = true }
        }
    }

    var events: [SerialReader.Event] { shared.state.withLock { $0.events } }
    var finished: Bool { shared.state.withLock { $0.finished } }

    /// All bytes received so far, in order.
    var bytes: [UInt8] {
        events.flatMap { event -> [UInt8] in
            if case .bytes(let chunk) = event { return chunk }
            return []
        }
    }

    /// Polls until `condition` holds on the events so far; false after `timeout`.
    func wait(
        timeout: Duration = .seconds(15), until condition: @escaping ([SerialReader.Event]) -> Bool
    ) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if shared.state.withLock({ condition($0.events) }) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return shared.state.withLock { condition($0.events) }
    }

    /// Polls until the stream has ended; false after `timeout`.
    func waitUntilFinished(timeout: Duration = .seconds(15)) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if finished { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return finished
    }
}
