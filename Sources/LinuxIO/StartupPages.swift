#if canImport(Glibc)
import Glibc
#endif

/// Gives back the pages of linkyd's own executable that only its start needed.
///
/// Starting touches much of the binary once: the Swift runtime scans every protocol-conformance
/// record, the rules file is parsed (YAML, Foundation), the services are made; and the kernel maps
/// 64 KB around each page fault (`fault_around_bytes`). Measured on the static build (controller
/// alone, 9600 Bd): 13 MB of text and 3.8 MB of read-only data resident, of which the steady loop uses
/// about a fifth. `MADV_PAGEOUT` (Linux 5.4) on the executable's read-only file mappings drops them
/// (they are clean: nothing is written out); whatever the loop runs faults back in at once from the
/// page cache or the disk. Writable mappings are left alone (their dirty pages would go to swap).
///
/// Best effort: on an older kernel, or if `/proc` cannot be read, nothing happens.
public enum StartupPages {
    /// What one call did: bytes advised, and the first error (`errno` text), if any.
    public struct Outcome: Sendable, Equatable {
        public var advisedBytes = 0
        public var error: String?
    }

    /// Advises the kernel to reclaim the resident pages of the executable's read-only mappings
    /// (text, read-only data), which the running code then faults back in as it needs them.
    @discardableResult
    public static func release() -> Outcome {
        var outcome = Outcome()
        guard let executable = Paths.resolve("/proc/self/exe"), let maps = readFile("/proc/self/maps") else {
            outcome.error = "/proc/self unreadable"
            return outcome
        }
        for line in maps.split(separator: "\n") {
            // `start-end perms offset dev inode path`
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[5...].joined(separator: " ") == executable else { continue }
            let permissions = fields[1]
            guard permissions.hasPrefix("r"), !permissions.contains("w") else { continue }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16), end > start,
                  let address = UnsafeMutableRawPointer(bitPattern: start) else { continue }
            if madvise(address, Int(end - start), madvisePageout) == 0 {
                outcome.advisedBytes += Int(end - start)
            } else if outcome.error == nil {
                outcome.error = Errno.text(errno)
            }
        }
        return outcome
    }

    /// `MADV_PAGEOUT` (not in Glibc's module map on every toolchain).
    static let madvisePageout: Int32 = 21

    private static func readFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
