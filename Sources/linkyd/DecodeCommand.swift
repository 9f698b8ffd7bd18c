import ArgumentParser
import Foundation
import HAL
import LinuxIO
import TIC
import Web

/// `linkyd decode`: decodes a capture file (or, later, a serial device) and prints each frame.
struct DecodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode a TIC capture file or serial device and print each frame."
    )


    @Option(help: "TIC mode: auto, historic (1200 Bd) or standard (9600 Bd).")
    var mode: TICModeSetting = .auto

    @Flag(help: "Print one JSON object per decoded frame (JSON Lines).")
    var json = false

    @Flag(help: "Print the decoder statistics at the end.")
    var stats = false

    @Flag(name: .long, help: "Print every rejected group and why (on standard error).")
    var rejected = false

    @Option(help: "Serial framing: 7e1 (meter's format), or 8n1 for UARTs without parity (Pi mini UART; bit 7 is masked).")
    var parity: SerialParity = .even7E1

    @Option(help: "Serial device only: stop after this many frames (default: run until interrupted).")
    var frames: Int?

    @Argument(help: "A capture file, or a serial device such as /dev/ttyAMA0 or /dev/serial/by-id/….")
    var path: String

    func run() async throws {
        if SerialDevice.isCharacterDevice(path) {
            try await decodeSerial()
            return
        }
        var printer = FramePrinter(json: json, expectedMode: mode.fixedMode, showRejected: rejected) { print($0) }
        var decoder = FrameDecoder()
        // Chunk by chunk: memory stays flat whatever the size of the capture.
        do {
            try forEachCaptureChunk(path: path) { chunk in
                chunk.withUnsafeBytes { decoder.push($0, into: &printer) }
            }
        } catch let error as CaptureReadError {
            DecodeCommand.writeAfterFrames(error.description, to: .standardError)
            throw ExitCode(1)
        }
        decoder.finish(into: &printer)
        if stats {
            DecodeCommand.writeAfterFrames(decoder.statistics.report, to: json ? .standardError : .standardOutput)
        }
        if printer.wrongMode > 0, let expected = mode.fixedMode {
            DecodeCommand.writeAfterFrames(
                "warning: \(printer.wrongMode) groups were in the other mode than --mode \(expected)", to: .standardError)
        }
    }

    /// Writes `text` and a line end after every frame line printed so far: frame lines go through
    /// `print` (buffered when standard output is a file or a pipe), so that buffer is flushed first,
    /// and the statistics never land before or among the frames (`linkyd decode --stats > file`).
    static func writeAfterFrames(_ text: String, to handle: FileHandle) {
        fflush(nil)
        handle.write(Data((text + "\n").utf8))
    }
}

// The rules file's vocabulary is the command line's too.
extension TICModeSetting: ExpressibleByArgument {}
extension SerialParity: ExpressibleByArgument {}

/// Applies groups to a ``MeterState`` and prints it at every frame end.
struct FramePrinter: TICSink {
    let json: Bool
    let expectedMode: TICMode?
    let showRejected: Bool
    /// Where each frame's line goes (standard output in the command).
    let emit: (String) -> Void
    var state = MeterState()
    var frames = 0
    var wrongMode = 0

    mutating func accept(_ group: GroupView) {
        if let expectedMode, group.mode != expectedMode {
            wrongMode += 1
            return
        }
        state.accept(group)
    }

    mutating func frameStarted() { state.frameStarted() }

    mutating func reject(_ bytes: UnsafeBufferPointer<UInt8>, because verdict: GroupValidator.Verdict) {
        guard showRejected else { return }
        FileHandle.standardError.write(Data("rejected (\(verdict.explanation)): \(bytes.visible)\n".utf8))
    }

    mutating func frameEnded(_ end: FrameEnd) {
        state.frameEnded(end)
        guard end != .interrupted else { return }
        let line = json ? state.jsonObject(frame: frames, complete: end == .complete).line : state.summary(frame: frames)
        emit(line)
        frames += 1
    }
}

extension GroupValidator.Verdict {
    var explanation: String {
        switch self {
        case .accepted: "accepted"
        case .checksumError: "checksum error"
        case .malformed(let problem): problem.rawValue
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes with SP, HT and control bytes made visible: `␠`, `⇥`, `\xNN`.
    var visible: String {
        var out = ""
        for byte in self {
            switch byte {
            case 0x20: out += "␠"
            case 0x09: out += "⇥"
            case 0x21...0x7E: out.unicodeScalars.append(UnicodeScalar(byte))
            default: out += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
