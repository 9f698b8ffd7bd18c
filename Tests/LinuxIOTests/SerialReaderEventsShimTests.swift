import LinuxIO
import Testing

/// The deprecated `events()` stream (kept for RunCommand/ControlService until they use
/// SerialConsumer): same events, every byte, and terminating the stream stops the reader.
/// Remove with the shim.
@Suite struct SerialReaderEventsShimTests {
    @available(*, deprecated, message: "tests the deprecated shim")
    @Test func theStreamDeliversEventsAndBytesAndStopsWhenDropped() async throws {
        let pty = try PseudoTerminal()
        do {
            var iterator = SerialReader(path: pty.slavePath, mode: .historic).events().makeAsyncIterator()
            #expect(await iterator.next() == .opened(device: pty.slavePath, mode: .historic))
            #expect(pty.write(TICBytes.historicFrame))
            var bytes: [UInt8] = []
            while bytes.count < TICBytes.historicFrame.count, let event = await iterator.next() {
                if case .bytes(let chunk) = event { bytes += chunk }
            }
            #expect(bytes == TICBytes.historicFrame)
        }
        #expect(pty.waitForSlaveClosed())
    }
}
