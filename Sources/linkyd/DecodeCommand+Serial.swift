import Foundation
import Controller
import LinuxIO
import TIC

extension DecodeCommand {
    /// Reads a serial device until interrupted (or `--frames`), printing frames on standard output
    /// and what happens to the line (opened, mode found, silence, unplugged…) on standard error.
    /// A device that disappears is reopened with backoff by ``SerialReader``: never fatal.
    func decodeSerial() async throws {
        let reader = SerialReader(path: path, mode: mode.reader, parity: parity.serial)
        var decoder = FrameDecoder()
        var printer = FramePrinter(json: json, expectedMode: mode.tic, showRejected: rejected) { print($0) }
        for await event in reader {
            switch event {
            case .bytes(let bytes):
                decoder.push(bytes, into: &printer)
                if let frames, printer.frames >= frames {
                    if stats { FileHandle.standardError.write(Data((decoder.statistics.report + "\n").utf8)) }
                    return
                }
            default:
                log(event.message)
            }
        }
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("linkyd: \(message)\n".utf8))
    }
}

extension SerialReader.Event {
    /// One line for a person: what happened to the line, and what to do when it is a problem.
    var message: String {
        switch self {
        case .opened(let device, let mode): "opened \(device) at \(mode.baudRate) Bd (\(mode))"
        case .reopened(let device, let mode): "reopened \(device) at \(mode.baudRate) Bd (\(mode))"
        case .bytes(let bytes): "\(bytes.count) bytes"
        case .searching(let mode): "no valid group yet: trying \(mode) mode at \(mode.baudRate) Bd"
        case .modeDetected(let mode): "meter found in \(mode) mode (\(mode.baudRate) Bd)"
        case .modeLost(let mode): "lost the \(mode) mode signal: searching again"
        case .silence(let duration): "no byte for \(duration.readable): is the meter connected (TIC terminals I1/I2)?"
        case .disconnected(let error): "device lost: \(error)"
        case .openFailed(let error, let delay): "cannot open, retrying in \(delay): \(error)"
        }
    }
}

enum SerialDevice {
    /// Whether `path` (following links) is a character device: serial ports are, capture files are not.
    static func isCharacterDevice(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_mode & S_IFMT == S_IFCHR
    }
}
