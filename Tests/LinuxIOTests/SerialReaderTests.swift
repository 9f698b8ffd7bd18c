import HALTesting
import Glibc
import HAL
import LinuxIO
import TIC
import Testing

func fastOptions() -> SerialReader.Options {
    var options = SerialReader.Options()
    options.initialRetryDelay = .milliseconds(20)
    options.maximumRetryDelay = .milliseconds(200)
    return options
}

/// Writes `bytes` on `pty` every 100 ms until cancelled.
func keepWriting(_ bytes: [UInt8], to pty: PseudoTerminal) -> Task<Void, Never> {
    Task.detached {
        while !Task.isCancelled {
            pty.write(bytes)
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}

/// The line events that keep the old reader's behaviours: open, close, silence, reconnection, backoff,
/// auto-detection on real frames (the consumer decodes them).
@Suite struct SerialReaderTests {
    @Test func deliversBytesAndClosesThePortWhenStopped() async throws {
        let pty = try PseudoTerminal()
        let consumer = RecordingConsumer()
        let reading = SerialReader(path: pty.slavePath, mode: .historic, options: fastOptions()).start(delivering: consumer)
        let slave = pty.slavePath
        #expect(await consumer.waitForEvents { $0.first == .opened(device: slave, mode: .historic) })
        #expect(pty.write(TICBytes.historicFrame))
        let frame = TICBytes.historicFrame
        #expect(await consumer.wait { $0.bytes.count >= frame.count })
        #expect(consumer.bytes == frame)
        #expect(consumer.decoderStatistics.groupsAccepted == TICBytes.historicFrameGroupCount)

        reading.stop()
        reading.stop()  // idempotent
        await reading.finished()
        #expect(reading.isFinished)
        #expect(pty.waitForSlaveClosed())
    }

    @Test func droppingTheHandleStopsAndClosesThePort() async throws {
        let pty = try PseudoTerminal()
        let consumer = RecordingConsumer()
        do {
            let reading = SerialReader(path: pty.slavePath, mode: .standard).start(delivering: consumer)
            #expect(await consumer.waitForEvents { $0.first == .opened(device: pty.slavePath, mode: .standard) })
            _ = reading
        }
        #expect(pty.waitForSlaveClosed())
    }

    @Test func reportsSilenceOncePerSilence() async throws {
        let pty = try PseudoTerminal()
        var options = fastOptions()
        options.silenceTimeout = .milliseconds(200)
        let consumer = RecordingConsumer()
        let reading = SerialReader(path: pty.slavePath, mode: .historic, options: options).start(delivering: consumer)
        defer { reading.stop() }
        let silence = SerialReader.LinkEvent.silence(.milliseconds(200))
        #expect(await consumer.waitForEvents { $0.filter { $0 == silence }.count == 1 })
        #expect(pty.write(Array("\nwake\r".utf8)))
        #expect(await consumer.wait { $0.bytes.count >= 6 })
        #expect(await consumer.waitForEvents { $0.filter { $0 == silence }.count == 2 })
        // Each silence ended with bytes: never two silences without a delivery between them.
        let (events, counts) = await consumer.snapshot { ($0.events, $0.eventCountAtDeliveries) }
        let silences = events.indices.filter { events[$0] == silence }
        #expect(silences.count == 2)
        if silences.count == 2 {
            #expect(counts.contains { $0 > silences[0] && $0 <= silences[1] })
        }
    }

    @Test func retriesAMissingDeviceWithBackoffAndStopsPromptly() async throws {
        var options = SerialReader.Options()
        options.initialRetryDelay = .milliseconds(50)
        options.maximumRetryDelay = .milliseconds(100)
        let consumer = RecordingConsumer()
        let reading = SerialReader(path: "/dev/serial/by-id/usb-absent-port0", options: options).start(delivering: consumer)
        #expect(await consumer.waitForEvents { $0.count >= 3 })
        let delays = consumer.events.prefix(3).map { event -> Duration? in
            guard case .openFailed(let error, let delay) = event, error.kind == .notFound else { return nil }
            return delay
        }
        #expect(delays == [.milliseconds(50), .milliseconds(100), .milliseconds(100)])
        reading.stop()
        await reading.finished()
        #expect(reading.isFinished)
    }

    /// A USB dongle unplugged and plugged back: the by-id link disappears (here: dangles), then
    /// points to a new tty.
    @Test func reportsDisconnectionAndReopensWhenTheLinkComesBack() async throws {
        var template = Array("/tmp/linkyd-reader-XXXXXX".utf8CString)
        let directory = try #require(mkdtemp(&template).map { String(cString: $0) })
        let link = directory + "/usb-Enedis_TIC-if00-port0"
        let first = try PseudoTerminal()
        #expect(symlink(first.slavePath, link) == 0)
        defer {
            unlink(link)
            rmdir(directory)
        }
        let consumer = RecordingConsumer()
        let reading = SerialReader(path: link, mode: .standard, options: fastOptions()).start(delivering: consumer)
        defer { reading.stop() }
        let firstDevice = "\(link) → \(first.slavePath)"
        #expect(await consumer.waitForEvents { $0.first == .opened(device: firstDevice, mode: .standard) })

        first.closeMaster()
        #expect(await consumer.waitForEvents { events in
            events.contains { if case .disconnected(let error) = $0 { error.kind == .disconnected } else { false } }
        })
        #expect(await consumer.waitForEvents { events in
            events.contains { if case .openFailed(let error, _) = $0 { error.kind == .notFound } else { false } }
        })

        let second = try PseudoTerminal()
        #expect(symlink(second.slavePath, link + ".new") == 0)
        #expect(rename(link + ".new", link) == 0)
        let secondDevice = "\(link) → \(second.slavePath)"
        #expect(await consumer.waitForEvents { $0.contains(.reopened(device: secondDevice, mode: .standard)) })
        #expect(second.write(Array("\nback\r".utf8)))
        // Only what came after the reopening: while the link dangled, another test may have been
        // given the freed pty number (the link then led to its pty for a moment).
        let back = SerialReader.LinkEvent.reopened(device: secondDevice, mode: .standard)
        #expect(await consumer.wait { $0.bytes(after: back) == Array("\nback\r".utf8) })
        let events = consumer.events
        #expect(!events.dropFirst().contains { if case .opened = $0 { true } else { false } })
    }

    /// On a pty the speed changes nothing, so detection locks at whichever speed it tries when
    /// valid frames start; the test checks the search alternates, locks, and sets the tty speed.
    @Test func autoModeSearchesThenLocks() async throws {
        let pty = try PseudoTerminal()
        var options = fastOptions()
        options.observationInterval = .milliseconds(20)
        options.detector.searchWindow = .milliseconds(200)
        let consumer = RecordingConsumer()
        let reading = SerialReader(path: pty.slavePath, mode: .auto, options: options).start(delivering: consumer)
        defer { reading.stop() }
        #expect(await consumer.waitForEvents { $0.contains(.searching(.standard)) })
        let writer = keepWriting(TICBytes.historicFrame, to: pty)
        defer { writer.cancel() }
        #expect(await consumer.waitForEvents { $0.contains { if case .modeDetected = $0 { true } else { false } } })
        writer.cancel()

        let events = consumer.events
        guard case .modeDetected(let locked)? = events.first(where: { if case .modeDetected = $0 { true } else { false } }),
            let lockIndex = events.firstIndex(of: .modeDetected(locked))
        else { return }
        let lastSpeed = events[..<lockIndex].last { event in
            if case .searching = event { true } else if case .opened = event { true } else { false }
        }
        #expect(lastSpeed == .searching(locked) || lastSpeed == .opened(device: pty.slavePath, mode: locked))

        // The tty is at the locked speed (termios is per tty: read it through a second descriptor).
        let fd = open(pty.slavePath, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        if fd >= 0 {
            defer { close(fd) }
            var attributes = termios()
            #expect(tcgetattr(fd, &attributes) == 0)
            let expected = SerialPort.supportedBaudRates[locked.baudRate]
            #expect(cfgetispeed(&attributes) == expected)
        }
    }

    @Test func autoModeLosesALockWhenGroupsStopVerifying() async throws {
        let pty = try PseudoTerminal()
        var options = fastOptions()
        options.observationInterval = .milliseconds(20)
        options.detector.lossTimeout = .milliseconds(300)
        options.detector.searchWindow = .seconds(60)  // no alternation while the test sets up
        let consumer = RecordingConsumer()
        let reading = SerialReader(path: pty.slavePath, mode: .auto, options: options).start(delivering: consumer)
        defer { reading.stop() }
        #expect(await consumer.waitForEvents { $0.first == .opened(device: pty.slavePath, mode: .historic) })
        let frames = keepWriting(TICBytes.historicFrame, to: pty)
        #expect(await consumer.waitForEvents { $0.contains(.modeDetected(.historic)) })
        frames.cancel()
        _ = await frames.value

        var corrupt = TICBytes.historicGroup("ADCO", "021861348497")
        corrupt[corrupt.count - 2] &+= 1  // wrong checksum
        let garbage = keepWriting(corrupt, to: pty)
        defer { garbage.cancel() }
        #expect(await consumer.waitForEvents { $0.contains(.modeLost(.historic)) })
        #expect(await consumer.waitForEvents { $0.contains(.searching(.standard)) })
    }
}
