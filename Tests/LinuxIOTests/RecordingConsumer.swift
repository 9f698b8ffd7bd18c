import Glibc
import LinuxIO
import Synchronization
import TIC

/// A ``SerialConsumer`` for the tests: records every byte, link event and call (with its time), and
/// returns decoder statistics according to its ``Statistics`` policy. Tests wait for a condition
/// with a generous timeout.
final class RecordingConsumer: SerialConsumer {
    enum Statistics: Sendable {
        /// A real ``FrameDecoder`` decodes the bytes.
        case decoded
        /// The test decides: each call adds one verified group while ``RecordingConsumer/accepting``,
        /// one rejected group otherwise (the bytes themselves are not decoded).
        case scripted
    }

    struct Record {
        var events: [SerialReader.LinkEvent] = []
        var bytes: [UInt8] = []
        /// Calls to `received`, with when each returned and the byte total by then.
        var deliveries: [(at: ContinuousClock.Instant, total: Int)] = []
        /// Calls of either kind made after ``RecordingConsumer/markStopped()``.
        /// For each call to `received`: how many link events had been reported by then.
        var eventCountAtDeliveries: [Int] = []
        var callsAfterStop = 0
        var stopped = false
        var decoder = FrameDecoder()
        var scripted = DecoderStatistics()
        var accepting = false

        /// The bytes delivered after the first link event matching `event` was reported.
        func bytes(after event: SerialReader.LinkEvent) -> [UInt8] {
            guard let index = events.firstIndex(of: event),
                let first = eventCountAtDeliveries.firstIndex(where: { $0 > index })
            else { return [] }
            let start = first == 0 ? 0 : deliveries[first - 1].total
            return Array(bytes[start...])
        }
    }

    private let record = Mutex(Record())
    let policy: Statistics
    /// Every this many calls, the consumer sleeps 1 ms (a slow consumer); 0: never.
    let sleepEvery: Int

    init(_ policy: Statistics = .decoded, sleepEvery: Int = 0) {
        self.policy = policy
        self.sleepEvery = sleepEvery
    }

    func serialReader(_ reader: SerialReader, received bytes: UnsafeRawBufferPointer) -> DecoderStatistics {
        let clock = ContinuousClock()
        let (statistics, calls) = record.withLock { record -> (DecoderStatistics, Int) in
            if record.stopped { record.callsAfterStop += 1 }
            record.bytes.append(contentsOf: bytes)
            record.deliveries.append((clock.now, record.bytes.count))
            record.eventCountAtDeliveries.append(record.events.count)
            switch policy {
            case .decoded:
                var sink = CountingSink()
                record.decoder.push(bytes, into: &sink)
                return (record.decoder.statistics, record.deliveries.count)
            case .scripted:
                record.scripted.bytes += bytes.count
                if record.accepting { record.scripted.groupsAccepted += 1 } else { record.scripted.checksumErrors += 1 }
                return (record.scripted, record.deliveries.count)
            }
        }
        if sleepEvery > 0, calls % sleepEvery == 0 { usleep(1000) }
        return statistics
    }

    func serialReader(_ reader: SerialReader, didReport event: SerialReader.LinkEvent) {
        record.withLock { record in
            if record.stopped { record.callsAfterStop += 1 }
            record.events.append(event)
        }
    }

    /// From now on, any call counts in ``Record/callsAfterStop``.
    func markStopped() { record.withLock { $0.stopped = true } }

    /// Scripted policy: whether the next calls report verified groups.
    func accept(_ accepting: Bool) { record.withLock { $0.accepting = accepting } }

    var events: [SerialReader.LinkEvent] { record.withLock { $0.events } }
    var bytes: [UInt8] { record.withLock { $0.bytes } }
    var callsAfterStop: Int { record.withLock { $0.callsAfterStop } }
    var decoderStatistics: DecoderStatistics { record.withLock { $0.decoder.statistics } }
    var deliveries: [(at: ContinuousClock.Instant, total: Int)] { record.withLock { $0.deliveries } }

    /// A consistent view of the record.
    func snapshot<T: Sendable>(_ read: (Record) -> T) async -> T { record.withLock { read($0) } }

    /// Polls until `condition` holds on what was recorded so far; false after `timeout`.
    func wait(timeout: Duration = .seconds(15), until condition: @escaping (Record) -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if record.withLock({ condition($0) }) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return record.withLock { condition($0) }
    }

    /// ``wait(timeout:until:)`` on the link events only.
    func waitForEvents(timeout: Duration = .seconds(15), until condition: @escaping ([SerialReader.LinkEvent]) -> Bool) async -> Bool {
        await wait(timeout: timeout) { condition($0.events) }
    }
}

/// Counts nothing itself: the decoder's statistics tell.
private struct CountingSink: TICSink {
    mutating func accept(_ group: GroupView) {}
}
