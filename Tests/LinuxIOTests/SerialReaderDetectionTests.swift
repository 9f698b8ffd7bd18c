import HALTesting
import LinuxIO
import TIC
import Testing

/// Problem 2: auto-detection reads the consumer's decoder statistics (no decoder of its own). The
/// consumer here never decodes: it reports what the test scripts, whatever the bytes are.
@Suite struct SerialReaderDetectionTests {
    private func options() -> SerialReader.Options {
        var options = fastOptions()
        options.observationInterval = .milliseconds(20)
        options.detector.searchWindow = .milliseconds(200)
        return options
    }

    @Test func groupsTheConsumerVerifiedLockTheMode() async throws {
        let pty = try PseudoTerminal()
        let consumer = RecordingConsumer(.scripted)
        var options = options()
        options.detector.searchWindow = .seconds(60)  // only groups decide
        let reading = SerialReader(path: pty.slavePath, mode: .auto, options: options).start(delivering: consumer)
        defer { reading.stop() }
        // Garbage (no TIC group at all) that the consumer says verifies.
        consumer.accept(true)
        let writer = keepWriting(Array("not a TIC group".utf8), to: pty)
        defer { writer.cancel() }
        #expect(await consumer.waitForEvents { $0.contains(.modeDetected(.historic)) })
        #expect(!consumer.events.contains(.searching(.standard)))
    }

    @Test func withoutVerifiedGroupsItTriesTheOtherSpeed() async throws {
        let pty = try PseudoTerminal()
        let consumer = RecordingConsumer(.scripted)
        let reading = SerialReader(path: pty.slavePath, mode: .auto, options: options()).start(delivering: consumer)
        defer { reading.stop() }
        // Valid historic frames, but the consumer reports only rejected groups: an own decoder would lock.
        consumer.accept(false)
        let writer = keepWriting(TICBytes.historicFrame, to: pty)
        defer { writer.cancel() }
        #expect(await consumer.waitForEvents { $0.contains(.searching(.standard)) })
        #expect(await consumer.waitForEvents { $0.filter { $0 == .searching(.historic) }.count >= 1 })
        #expect(!consumer.events.contains { if case .modeDetected = $0 { true } else { false } })

        // Now the consumer verifies groups: the speed it is at locks.
        consumer.accept(true)
        #expect(await consumer.waitForEvents { $0.contains { if case .modeDetected = $0 { true } else { false } } })
    }
}
