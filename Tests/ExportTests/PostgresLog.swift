import Logging
import Synchronization

/// A swift-log handler that keeps every line (level and message), to check what the journal would show.
final class PostgresLog: Sendable {
    private let storage = Mutex<[(Logger.Level, String)]>([])

    var lines: [(Logger.Level, String)] { storage.withLock { $0 } }
    var warnings: [String] { lines.filter { $0.0 >= .warning }.map(\.1) }
    var infos: [String] { lines.filter { $0.0 == .info }.map(\.1) }

    var logger: Logger {
        Logger(label: "test") { _ in Handler(sink: self) }
    }

    struct Handler: LogHandler {
        let sink: PostgresLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            sink.storage.withLock { $0.append((event.level, "\(event.message)")) }
        }
    }
}
