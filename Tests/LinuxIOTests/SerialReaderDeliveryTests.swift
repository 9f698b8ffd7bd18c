import HALTesting
import Glibc
import HAL
import Synchronization
import TIC
import Testing

@testable import LinuxIO

/// 20 000 historic frames, each different (the BASE index counts), so order and duplicates show.
private let burst: [UInt8] = (0..<20_000).flatMap { index -> [UInt8] in
    let digits = String(index)
    let base = String(repeating: "0", count: 9 - digits.count) + digits
    return [ASCII.stx] + TICBytes.historicGroup("ADCO", "021861348497") + TICBytes.historicGroup("BASE", base)
        + TICBytes.historicGroup("PAPP", "00420") + [ASCII.etx]
}

/// Runs `body` on a thread of its own (not the cooperative pool) and waits for it.
private func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let started = DetachedThread.start { continuation.resume(returning: body()) }
        if !started { continuation.resume(returning: body()) }
    }
}

/// What a reader hands its consumer: every byte once, in order, coalesced, and nothing after stop.
/// Timing-sensitive tests assert generous bounds only (performance is measured by benchmarks).
@Suite(.serialized) struct SerialReaderDeliveryTests {
    /// Problem 1: the old stream kept the newest 4096 events and dropped older ones, bytes included.
    @Test func aBurstIsDeliveredWhole() async throws {
        let pty = try PseudoTerminal()
        let consumer = RecordingConsumer(.decoded, sleepEvery: 8)  // slow: 1 ms every 8th call
        let reading = SerialReader(path: pty.slavePath, mode: .historic, options: fastOptions()).start(delivering: consumer)
        defer { reading.stop() }
        // Opened, not just any event: bytes written before a successful open are flushed (TCIFLUSH),
        // and a first attempt that failed would be retried after a backoff.
        #expect(await consumer.waitForEvents { $0.contains { if case .opened = $0 { true } else { false } } })
        let written = await onThread { pty.write(burst) }  // unpaced: blocks while the tty buffer is full
        #expect(written)
        #expect(await consumer.wait(timeout: .seconds(120)) { $0.bytes.count >= burst.count })
        try? await Task.sleep(for: .milliseconds(100))  // nothing more may come
        let received = consumer.bytes
        #expect(received.count == burst.count)
        #expect(received == burst)
        let statistics = consumer.decoderStatistics
        #expect(statistics.groupsAccepted == 3 * 20_000)
        #expect(statistics.frames >= 19_999)  // the last frame ends at the next STX
    }

    /// Problem 3: a steady 960 B/s line (9600 Bd) written about every millisecond. The old reader
    /// woke for every write (~900 calls/s); coalescing allows one call per window (35 ms: ≤ 29/s).
    @Test func aSteadyLineIsReadInCoalescedChunks() async throws {
        let pty = try PseudoTerminal()
        let consumer = RecordingConsumer()
        let reading = SerialReader(path: pty.slavePath, mode: .standard, options: fastOptions()).start(delivering: consumer)
        defer { reading.stop() }
        // Opened, not just any event: bytes written before a successful open are flushed (TCIFLUSH),
        // and a first attempt that failed would be retried after a backoff.
        #expect(await consumer.waitForEvents { $0.contains { if case .opened = $0 { true } else { false } } })
        let writes = await onThread { () -> [(at: ContinuousClock.Instant, total: Int)] in
            let clock = ContinuousClock()
            let start = clock.now
            var writes: [(at: ContinuousClock.Instant, total: Int)] = []
            var sent = 0
            while clock.now - start < .seconds(2) {
                let elapsed = clock.now - start
                let due = Int(elapsed / .milliseconds(1)) * 960 / 1000
                if due > sent {
                    pty.write(Array(repeating: UInt8(ascii: "A"), count: due - sent))
                    sent = due
                    writes.append((clock.now, sent))
                }
                usleep(1000)
            }
            return writes
        }
        let total = writes.last?.total ?? 0
        #expect(total > 1500)
        #expect(await consumer.wait(timeout: .seconds(5)) { $0.bytes.count >= total })
        let deliveries = consumer.deliveries
        #expect(consumer.bytes.count == total)
        // Calls per second over the ~2 s of writing: generous bound (the window allows ~29).
        let perSecond = Double(deliveries.count) / 2.0
        #expect(perSecond <= 40, "\(deliveries.count) consumer calls in 2 s")

        // Reported, not asserted: how long each write waited before its last byte was delivered.
        var latencies: [Duration] = []
        var next = 0
        for write in writes {
            while next < deliveries.count, deliveries[next].total < write.total { next += 1 }
            if next < deliveries.count { latencies.append(write.at.duration(to: deliveries[next].at)) }
        }
        let sorted = latencies.sorted()
        if let worst = sorted.last {
            let median = sorted[sorted.count / 2]
            let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
            print("coalescing: \(deliveries.count) calls for \(total) B in 2 s (\(perSecond)/s);"
                + " write→delivery median \(median), p99 \(p99), max \(worst)")
        }
        #expect(sorted.last.map { $0 < .seconds(1) } ?? false)
    }

    /// A 1200 Bd line (a byte every ~8 ms): a coalescing window holds ~4 bytes, but the reader holds
    /// them until a byte that can complete a group arrives, so the consumer gets whole groups (about
    /// one call per group, not one per window), every delivery holds a group's end, and every
    /// byte arrives once, in order.
    @Test func bytesWaitForTheEndOfTheirGroup() async throws {
        let pty = try PseudoTerminal()
        let consumer = RecordingConsumer(.decoded)
        let reading = SerialReader(path: pty.slavePath, mode: .historic, options: fastOptions()).start(delivering: consumer)
        defer { reading.stop() }
        #expect(await consumer.waitForEvents { $0.contains { if case .opened = $0 { true } else { false } } })
        let frame = TICBytes.historicFrame
        await onThread {
            for byte in frame {
                _ = pty.write([byte])
                usleep(8_000)
            }
        }
        #expect(await consumer.wait(timeout: .seconds(5)) { $0.bytes.count >= frame.count })
        #expect(consumer.bytes == frame)
        #expect(consumer.decoderStatistics.groupsAccepted == TICBytes.historicFrameGroupCount)
        let deliveries = consumer.deliveries
        // ~frame.count / 4 calls without holding; one per group (+ STX, ETX, a split CR LF) with it.
        #expect(deliveries.count <= TICBytes.historicFrameGroupCount + 4, "\(deliveries.count) calls for \(frame.count) bytes")
        // Each call holds a byte that completes something (a CR, the ETX; before any CR, an LF).
        var start = 0
        for delivery in deliveries {
            let slice = frame[start..<delivery.total]
            let sawCR = frame[..<start].contains(ASCII.cr)
            #expect(slice.contains(ASCII.cr) || slice.contains(ASCII.etx) || (!sawCR && slice.contains(ASCII.lf)),
                    "bytes \(start)..<\(delivery.total) delivered without a group end; deliveries at \(deliveries.map(\.total))")
            start = delivery.total
        }
    }

    /// Bytes that cannot complete anything are not held for ever: when the line pauses they are
    /// delivered (the decoder counts what they are).
    @Test func heldBytesAreDeliveredWhenTheLinePauses() async throws {
        let pty = try PseudoTerminal()
        let consumer = RecordingConsumer()
        let reading = SerialReader(path: pty.slavePath, mode: .historic, options: fastOptions()).start(delivering: consumer)
        defer { reading.stop() }
        #expect(await consumer.waitForEvents { $0.contains { if case .opened = $0 { true } else { false } } })
        let partial = [ASCII.lf] + Array("PTEC HPJR".utf8)
        #expect(pty.write(partial))
        #expect(await consumer.wait(timeout: .seconds(2)) { $0.bytes.count >= partial.count })
        #expect(consumer.bytes == partial)
    }

    /// Problem 4: a slow USB/Bluetooth device blocks in open(2) for seconds. Here the open hook
    /// blocks in a real open(2) of a FIFO without a writer, then opens the pty.
    @Test func stopDuringASlowOpenReturnsAtOnceAndDeliversNothing() async throws {
        let pty = try PseudoTerminal()
        var template = Array("/tmp/linkyd-slow-open-XXXXXX".utf8CString)
        let directory = try #require(mkdtemp(&template).map { String(cString: $0) })
        let fifo = directory + "/slow"
        #expect(mkfifo(fifo, 0o600) == 0)
        defer {
            unlink(fifo)
            rmdir(directory)
        }
        let entered = Atomic<Bool>(false)
        let slave = pty.slavePath
        let reader = SerialReader(path: slave, mode: .historic, parity: .even7E1, options: fastOptions()) {
            _, baudRate, parity throws(HardwareError) in
            entered.store(true, ordering: .releasing)
            let blocking = open(fifo, O_RDONLY | O_CLOEXEC)  // blocks until a writer opens the FIFO
            if blocking >= 0 { close(blocking) }
            return try SerialPort(path: slave, baudRate: baudRate, parity: parity)
        }
        let consumer = RecordingConsumer()
        let reading = reader.start(delivering: consumer)
        let clock = ContinuousClock()
        while !entered.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(50))  // well inside open(2) by now

        let stopping = clock.now
        reading.stop()
        let stopTook = stopping.duration(to: clock.now)
        consumer.markStopped()
        #expect(stopTook < .milliseconds(100), "stop() took \(stopTook)")
        #expect(!reading.isFinished)

        // The device answers at last: the thread opens the pty, closes it and ends, silently.
        let writer = open(fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        #expect(writer >= 0)
        if writer >= 0 { close(writer) }
        await reading.finished()
        #expect(pty.waitForSlaveClosed())
        #expect(consumer.callsAfterStop == 0)
        #expect(consumer.events.isEmpty)
    }

    /// Stopping from inside a consumer call (what `linkyd decode --frames N` does) ends the reading:
    /// that call is the last one.
    @Test func stopFromInsideTheConsumerEndsTheReading() async throws {
        final class StoppingConsumer: SerialConsumer {
            let reading = Mutex<SerialReading?>(nil)
            let calls = Atomic<Int>(0)
            func serialReader(_ reader: SerialReader, received bytes: UnsafeRawBufferPointer) -> DecoderStatistics {
                calls.add(1, ordering: .relaxed)
                reading.withLock { $0?.stop() }
                return DecoderStatistics()
            }
            func serialReader(_ reader: SerialReader, didReport event: SerialReader.LinkEvent) {}
        }
        let pty = try PseudoTerminal()
        let consumer = StoppingConsumer()
        let reading = SerialReader(path: pty.slavePath, mode: .historic, options: fastOptions()).start(delivering: consumer)
        consumer.reading.withLock { $0 = reading }
        try await Task.sleep(for: .milliseconds(100))
        #expect(pty.write(TICBytes.historicFrame))
        await reading.finished()
        #expect(consumer.calls.load(ordering: .relaxed) == 1)
        #expect(pty.waitForSlaveClosed())
    }
}
