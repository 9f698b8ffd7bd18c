import Controller
import Daemon
import Foundation
import HAL
import LinuxIO
import Synchronization
import TIC

extension DecodeCommand {
    /// Reads a serial device until interrupted (or `--frames`), printing frames on standard output
    /// and what happens to the line (opened, mode found, silence, unplugged…) on standard error.
    /// A device that disappears is reopened with backoff by ``SerialReader``: never fatal.
    func decodeSerial() async throws {
        let reader = SerialReader(path: path, mode: mode, parity: parity)
        let printer = FramePrinter(json: json, expectedMode: mode.fixedMode, showRejected: rejected) { print($0) }
        let consumer = SerialFrameDecoder(printer: printer, frameLimit: frames)
        let reading = reader.start(delivering: consumer)
        guard frames != nil else {
            await reading.finished()  // never: reads until the process is interrupted
            return
        }
        for await _ in consumer.limitReached { break }
        reading.stop()
        await reading.finished()
        if stats {
            fflush(nil)  // the frame lines (standard output) first
            FileHandle.standardError.write(Data((consumer.statistics.report + "\n").utf8))
        }
    }
}

/// The consumer of `linkyd decode DEVICE`: decodes on the reader's thread, prints each frame, and
/// says when `--frames` frames were printed (it then ignores the rest). Its state is behind a Mutex:
/// the reader calls it from its one thread, the command reads the statistics once it stopped.
private final class SerialFrameDecoder: SerialConsumer {
    /// Only touched under the mutex. Unchecked: ``FramePrinter`` holds a closure that is not
    /// `@Sendable` (`print`, which is safe from any thread), which alone keeps it from being Sendable.
    private struct State: @unchecked Sendable {
        var decoder = FrameDecoder()
        var printer: FramePrinter
        var done = false
    }

    private let state: Mutex<State>
    private let frameLimit: Int?
    private let limitContinuation: AsyncStream<Void>.Continuation
    /// Yields once when `frameLimit` frames were printed.
    let limitReached: AsyncStream<Void>

    init(printer: FramePrinter, frameLimit: Int?) {
        state = Mutex(State(printer: printer))
        self.frameLimit = frameLimit
        (limitReached, limitContinuation) = AsyncStream.makeStream(of: Void.self)
    }

    var statistics: DecoderStatistics { state.withLock { $0.decoder.statistics } }

    func serialReader(_ reader: SerialReader, received bytes: UnsafeRawBufferPointer) -> DecoderStatistics {
        let (statistics, reached) = state.withLock { state -> (DecoderStatistics, Bool) in
            guard !state.done else { return (state.decoder.statistics, false) }
            state.decoder.push(bytes, into: &state.printer)
            if let frameLimit, state.printer.frames >= frameLimit { state.done = true }
            return (state.decoder.statistics, state.done)
        }
        if reached { limitContinuation.yield() }
        return statistics
    }

    func serialReader(_ reader: SerialReader, didReport event: SerialReader.LinkEvent) {
        FileHandle.standardError.write(Data("linkyd: \(event)\n".utf8))
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
