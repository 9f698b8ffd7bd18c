import Foundation
import Glibc

/// `linkyd run --rules FILE --dry-run` as a child process (the binary next to the test bundle), its
/// log collected; ``pageAddress`` is the address it logs once the web server listens.
final class LinkydProcess: @unchecked Sendable {
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("linkyd").path

    let process = Process()
    private let lock = NSLock()
    private var output = ""

    init(rules: String) throws {
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["run", "--rules", rules, "--dry-run"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.output += String(decoding: data, as: UTF8.self)
            self.lock.unlock()
        }
        try process.run()
    }

    var log: String {
        lock.lock()
        defer { lock.unlock() }
        return output
    }

    /// Waits for a log line containing `text` (at most `timeout` s).
    func waitForLog(_ text: String, timeout: Double = 15) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if log.contains(text) { return true }
            usleep(20_000)
        }
        return false
    }

    /// `http://127.0.0.1:PORT/` once logged.
    func pageAddress(timeout: Double = 15) -> String? {
        guard waitForLog("web page at ", timeout: timeout) else { return nil }
        let text = log
        guard let range = text.range(of: "web page at ") else { return nil }
        return String(text[range.upperBound...].prefix { !$0.isWhitespace })
    }

    /// SIGTERM, and wait for the exit (fail-safe states) — at most 10 s.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }

    /// A port free now on 127.0.0.1 (bound to 0, read back, closed).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
