import Foundation
import Glibc

/// Debian's chromium, headless, driven over the DevTools protocol on a pipe
/// (`--remote-debugging-pipe`: JSON messages separated by NUL on fds 3 and 4; no WebSocket needed).
final class Chromium: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"]
    /// The browser, nil when not installed (the browser tests then skip, saying so).
    static var path: String? { candidates.first { FileManager.default.isExecutableFile(atPath: $0) } }

    private let pid: pid_t
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private let lock = NSLock()
    private var messages: [[String: Any]] = []
    private var nextID = 1
    private let profile: String

    init() throws {
        // Writing to a browser that died must fail the test, not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        guard let path = Chromium.path else { throw Failure(description: "chromium is not installed (scripts/bootstrap.sh installs it)") }
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-chromium-\(UUID())").path
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        guard pipe(&input) == 0, pipe(&output) == 0 else { throw Failure(description: "pipe: errno \(errno)") }
        for fd in input + output { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 3)
        posix_spawn_file_actions_adddup2(&actions, output[1], 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [path, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
                         "--disable-extensions", "--hide-scrollbars", "--mute-audio", "--user-data-dir=\(profile)", "about:blank"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, path, &actions, nil, &argv, environ)
        Glibc.close(input[0])
        Glibc.close(output[1])
        guard spawned == 0 else { throw Failure(description: "posix_spawn \(path): \(spawned)") }
        pid = child
        toBrowser = input[1]
        fromBrowser = output[0]
        let thread = Thread { [weak self, fromBrowser] in Chromium.readLoop(fromBrowser) { self?.received($0) } }
        thread.start()
    }

    deinit { close() }

    private static func readLoop(_ fd: Int32, _ deliver: ([String: Any]) -> Void) {
        var pending = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &chunk, chunk.count)
            if count <= 0 { return }
            pending += chunk[0..<count]
            while let end = pending.firstIndex(of: 0) {
                let data = Data(pending[..<end])
                pending.removeSubrange(...end)
                if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] { deliver(object) }
            }
        }
    }

    private func received(_ message: [String: Any]) {
        lock.lock()
        messages.append(message)
        lock.unlock()
    }

    /// Sends a command and waits for its answer (`result`), or throws its error.
    @discardableResult
    func send(_ method: String, _ params: [String: Any] = [:], session: String? = nil, timeout: Double = 20) throws -> [String: Any] {
        lock.lock()
        let id = nextID
        nextID += 1
        lock.unlock()
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(toBrowser, $0.baseAddress, $0.count) }
            guard written > 0 else { throw Failure(description: "writing to chromium: errno \(errno)") }
            offset += written
        }
        let answer = try wait(timeout: timeout, "the answer to \(method)") { $0["id"] as? Int == id }
        if let error = answer["error"] { throw Failure(description: "\(method): \(error)") }
        return answer["result"] as? [String: Any] ?? [:]
    }

    /// Waits for a message matching `predicate` (already received or coming).
    func wait(timeout: Double = 20, _ what: String, _ predicate: ([String: Any]) -> Bool) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            lock.lock()
            let copy = messages
            lock.unlock()
            let found = copy.first(where: predicate)
            if let found { return found }
            usleep(10_000)
        }
        throw Failure(description: "chromium: no \(what) within \(timeout) s")
    }

    /// Every event named `method` received so far (for `session`).
    func events(_ method: String, session: String) -> [[String: Any]] {
        lock.lock()
        defer { lock.unlock() }
        return messages.filter { $0["method"] as? String == method && $0["sessionId"] as? String == session }
    }

    func close() {
        guard toBrowser >= 0 else { return }
        _ = try? send("Browser.close", timeout: 5)
        Glibc.close(toBrowser)
        var status: Int32 = 0
        for _ in 0..<200 where waitpid(pid, &status, WNOHANG) == 0 { usleep(10_000) }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        try? FileManager.default.removeItem(atPath: profile)
    }
}
