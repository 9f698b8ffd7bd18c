/// The byte-level TIC state machine (tic-protocol.md §1, §10). Feed it chunks of any size; the
/// result never depends on how the stream was cut.
///
/// - STX starts a frame (a frame still open is counted as interrupted), ETX ends it, EOT aborts it.
/// - LF starts a group, CR ends it and has it validated by ``GroupValidator``. A LF inside a group
///   also ends it (streams read with `icrnl` turn every CR into LF; text captures keep one group per
///   line), and stray CR/LF or bytes outside a group are ignored.
/// - Groups before the first STX (a capture that starts mid-frame) are decoded like any other.
///
/// Pure: no I/O, no clock, no allocation per byte or per group on the ``push(_:into:)`` path.
public struct FrameDecoder: Sendable {
    /// Longest group accepted: label 9 + HT + horodate 13 + HT + data 98 + HT + checksum.
    public static let maximumGroupLength = 125

    public private(set) var statistics = DecoderStatistics()

    private var storage = GroupBuffer()
    private var count = 0
    private var sum: UInt8 = 0
    private var inGroup = false
    private var overflow = false
    private var inFrame = false
    private var groupsSinceBoundary = 0
    /// The place in the frame of the next group to end (0 after STX, ETX and EOT), for the memory of
    /// accepted groups (``GroupMemory``).
    private var place = 0
    /// Only for the collecting entry points (``push(_:)-([UInt8])``, ``finish()``).
    private var collector = FrameCollector()

    public init() {}

    /// Decodes `bytes`, handing groups and frame boundaries to `sink` as they complete.
    public mutating func push(_ bytes: UnsafeRawBufferPointer, into sink: inout some TICSink) {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        statistics.bytes += bytes.count
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let end = bytes.count
        var index = 0
        while index < end {
            if inGroup {
                // The body of a group: every byte up to the next control byte (HT is data here).
                var scan = index
                var groupSum = sum
                body: while scan < end {
                    // Eight bytes at a time while none is below 0x20 (``ASCII/hasControlByte(_:)``);
                    // their sum modulo 256 is folded from four 16-bit lanes.
                    while scan &+ 8 <= end {
                        let word = UnsafeRawPointer(base + scan).loadUnaligned(as: UInt64.self)
                        if ASCII.hasControlByte(word) { break }
                        var lanes = (word & 0x00FF_00FF_00FF_00FF) &+ ((word >> 8) & 0x00FF_00FF_00FF_00FF)
                        lanes &+= lanes >> 16
                        lanes &+= lanes >> 32
                        groupSum &+= UInt8(truncatingIfNeeded: lanes)
                        scan &+= 8
                    }
                    // Then byte by byte through the word that holds an HT or a control byte.
                    let stop = min(scan &+ 8, end)
                    while scan < stop {
                        let byte = base[scan]
                        if byte < 0x20 && byte != ASCII.ht { break body }
                        groupSum &+= byte
                        scan &+= 1
                    }
                }
                let length = scan &- index
                // The usual case: the whole group lies in this chunk and its LF/CR/ETX follows: check
                // it where it is, without copying it.
                if count == 0, length > 0, scan < end, length <= FrameDecoder.maximumGroupLength,
                   base[scan] == ASCII.cr || base[scan] == ASCII.lf || base[scan] == ASCII.etx {
                    finishGroup(UnsafeBufferPointer(start: base + index, count: length), sum: groupSum, into: &sink)
                    dropGroup()
                    index = scan
                    // CR LF between two groups of a frame: the next group starts right away.
                    if base[scan] == ASCII.cr, scan &+ 1 < end, base[scan &+ 1] == ASCII.lf {
                        inGroup = true
                        index = scan &+ 2
                    }
                    continue
                }
                if length > 0 {
                    if count &+ length <= FrameDecoder.maximumGroupLength {
                        (storage.pointer + count).update(from: base + index, count: length)
                        count &+= length
                    } else {
                        keepOverlong(base + index, length)
                    }
                    sum = groupSum
                }
                index = scan
                if index == end { break }
            }
            let byte = base[index]
            index &+= 1
            if byte >= 0x20 || byte == ASCII.ht { continue } // outside a group: stray byte
            control(byte, into: &sink)
        }
    }

    /// Handles one control byte (tic-protocol.md §1.1).
    private mutating func control(_ byte: UInt8, into sink: inout some TICSink) {
        switch byte {
        case ASCII.lf:
            if inGroup, count > 0 { endGroup(into: &sink) }
            inGroup = true
        case ASCII.cr:
            if inGroup, count > 0 { endGroup(into: &sink) }
            dropGroup()
        case ASCII.stx:
            dropGroup()
            if inFrame {
                statistics.interruptedFrames += 1
                sink.frameEnded(.interrupted)
            }
            inFrame = true
            groupsSinceBoundary = 0
            place = 0
            sink.frameStarted()
        case ASCII.etx:
            if inGroup, count > 0 { endGroup(into: &sink) }
            dropGroup()
            place = 0
            if inFrame {
                statistics.frames += 1
                inFrame = false
                groupsSinceBoundary = 0
                sink.frameEnded(.complete)
            }
        case ASCII.eot:
            dropGroup()
            place = 0
            if inFrame {
                statistics.interruptedFrames += 1
                inFrame = false
                groupsSinceBoundary = 0
                sink.frameEnded(.interrupted)
            }
        default:
            // Another control byte inside a group: keep it so that the group is rejected as malformed.
            guard inGroup else { return }
            if count < FrameDecoder.maximumGroupLength {
                storage.pointer[count] = byte
                count &+= 1
                sum &+= byte
            } else {
                overflow = true
            }
        }
    }

    /// A group grew past ``maximumGroupLength``: keep its first bytes up to the limit (so `count`
    /// is never 0 and the group's end is seen, counted once, rejected as too long, and its sum does
    /// not leak into the next group) and mark it. The kept bytes never depend on the chunking.
    private mutating func keepOverlong(_ bytes: UnsafePointer<UInt8>, _ length: Int) {
        let room = FrameDecoder.maximumGroupLength &- count
        if room > 0 {
            (storage.pointer + count).update(from: bytes, count: min(room, length))
            count = FrameDecoder.maximumGroupLength
        }
        overflow = true
    }

    /// Convenience for byte arrays and slices.
    public mutating func push(_ bytes: some Sequence<UInt8>, into sink: inout some TICSink) {
        let array = Array(bytes)
        array.withUnsafeBytes { push($0, into: &sink) }
    }

    /// Decodes `bytes` and returns the frames they completed (a frame may span several calls).
    public mutating func push(_ bytes: some Sequence<UInt8>) -> [Frame] {
        var frames = collector
        collector = FrameCollector()
        push(bytes, into: &frames)
        defer { collector = frames }
        return frames.takeFrames()
    }

    /// The input ended (end of a capture file): the groups decoded since the last frame boundary,
    /// if any, are handed over as a frame that ended with the input.
    public mutating func finish(into sink: inout some TICSink) {
        dropGroup()
        if groupsSinceBoundary > 0 { sink.frameEnded(.endOfInput) }
        inFrame = false
        groupsSinceBoundary = 0
    }

    /// ``finish(into:)`` returning the trailing frame, if any.
    public mutating func finish() -> [Frame] {
        var frames = collector
        collector = FrameCollector()
        finish(into: &frames)
        return frames.takeFrames()
    }

    private mutating func dropGroup() {
        inGroup = false
        count = 0
        sum = 0
        overflow = false
    }

    private mutating func endGroup(into sink: inout some TICSink) {
        defer { dropGroup() }
        let bytes = UnsafeBufferPointer(start: storage.pointer, count: count)
        if overflow {
            place &+= 1
            statistics.malformedGroups += 1
            sink.reject(bytes, because: .malformed(.tooLong))
            return
        }
        finishGroup(bytes, sum: sum, into: &sink)
    }

    /// Validates one complete group, counts it, and hands it to the sink (or its rejection). A group
    /// byte for byte the same as the one accepted at its place in an earlier frame is accepted again
    /// without its checks (they depend on the bytes alone: ``GroupMemory``).
    private mutating func finishGroup(_ bytes: UnsafeBufferPointer<UInt8>, sum: UInt8, into sink: inout some TICSink) {
        let place = self.place
        self.place = place &+ 1
        let memory = storage.memory
        if let (view, ofLabel) = memory.repeated(bytes, at: place) {
            statistics.groupsAccepted += 1
            groupsSinceBoundary += 1
            if ofLabel { sink.acceptRepeat(view) } else { sink.accept(view) }
            return
        }
        let verdict = GroupValidator.validate(bytes, sum: sum, accept: { view in
            memory.remember(view, of: bytes, at: place)
            sink.accept(view)
        })
        switch verdict {
        case .accepted:
            statistics.groupsAccepted += 1
            groupsSinceBoundary += 1
            return
        case .checksumError:
            statistics.checksumErrors += 1
        case .malformed:
            statistics.malformedGroups += 1
        }
        sink.reject(bytes, because: verdict)
    }
}

/// The decoder's group buffer and its memory of accepted groups: allocated once, copied only if a
/// decoder value is copied and then pushed to.
private final class GroupBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<UInt8>
    let memory: GroupMemory

    init(pointer: UnsafeMutablePointer<UInt8> = .allocate(capacity: FrameDecoder.maximumGroupLength),
         memory: GroupMemory = GroupMemory()) {
        self.pointer = pointer
        self.memory = memory
    }

    func copy() -> GroupBuffer {
        let other = GroupBuffer(memory: memory.copy())
        other.pointer.update(from: pointer, count: FrameDecoder.maximumGroupLength)
        return other
    }

    deinit {
        pointer.deallocate()
        memory.deallocate()
    }
}
