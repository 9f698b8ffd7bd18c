import Foundation
import TIC

/// Reads the capture file at `path` in chunks of `chunkSize` bytes and hands `body` the meter bytes
/// they hold, in order, through ``CaptureStream`` (raw captures pass through, Python bytes literals
/// are unescaped; tic-protocol.md §9). Memory stays flat whatever the size of the capture.
///
/// Throws ``CaptureReadError`` (path, what happened, a hint) when the file cannot be opened or read,
/// and whatever `body` throws.
func forEachCaptureChunk(path: String, chunkSize: Int = 65536, _ body: ([UInt8]) throws -> Void) throws {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw CaptureReadError(path: path, errno: errno, reading: false) }
    defer { close(descriptor) }
    var stream = CaptureStream()
    var buffer = [UInt8](repeating: 0, count: max(1, chunkSize))
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { continue }
            throw CaptureReadError(path: path, errno: errno, reading: true)
        }
        if count == 0 { break }
        let bytes = stream.push(Array(buffer[..<count]))
        if !bytes.isEmpty { try body(bytes) }
    }
    let rest = stream.finish()
    if !rest.isEmpty { try body(rest) }
}

/// A capture file that cannot be opened or read: the path, what went wrong, and what to do.
struct CaptureReadError: Error, CustomStringConvertible {
    let path: String
    let errno: Int32
    /// False: `open` failed; true: a `read` failed.
    let reading: Bool

    var problem: String {
        switch errno {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "is a directory, not a capture file"
        default: "cannot \(reading ? "read" : "open") the file: \(String(cString: strerror(errno)))"
        }
    }

    var hint: String {
        switch errno {
        case ENOENT: "check the path (relative to the current directory); Tests/TICTests/Fixtures/ holds real captures to try"
        case EACCES, EPERM: "check the file's permissions (ls -l \(path)), or run as a user allowed to read it"
        case EISDIR: "give one capture file (raw bytes, one group per line, or Python bytes literals)"
        default: "check that the file is readable: cat \(path) > /dev/null"
        }
    }

    var description: String { "\(path): error: \(problem)\nhint: \(hint)" }
}
