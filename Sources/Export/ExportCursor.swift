import Foundation

/// An exporter's durable position in the history (issue 11): for each stream (`event`, `energy_snapshot`,
/// `power_minute`…) the id of the last row the server acknowledged. Kept in a small file next to the
/// history (`<history>.<exporter>-cursor`, one `stream=id` a line), replaced atomically (write, then
/// rename), so a restart of linkyd resumes where the server stopped acknowledging, and a crash leaves
/// either the old or the new file — at worst rows after the old one are sent again, never skipped.
public struct ExportCursor: Sendable, Hashable {
    public let path: String
    public private(set) var positions: [String: Int64]

    /// Reads the file; nil when it does not exist yet (a new exporter decides where it starts).
    public static func load(path: String) -> ExportCursor? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var positions: [String: Int64] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let id = Int64(parts[1]) else { continue }
            positions[String(parts[0])] = id
        }
        return ExportCursor(path: path, positions: positions)
    }

    public init(path: String, positions: [String: Int64] = [:]) {
        self.path = path
        self.positions = positions
    }

    public subscript(stream: String) -> Int64 {
        get { positions[stream] ?? 0 }
        set { positions[stream] = newValue }
    }

    /// Writes the file (temporary file, then rename). Returns the problem, if any, for the log.
    public func save() -> String? {
        let text = positions.keys.sorted().map { "\($0)=\(positions[$0] ?? 0)\n" }.joined()
        let temporary = path + ".tmp"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, path) != 0 { return "cannot rename \(temporary) to \(path): \(String(cString: strerror(errno)))" }
            return nil
        } catch {
            return "cannot write \(temporary): \(error.localizedDescription)"
        }
    }
}
