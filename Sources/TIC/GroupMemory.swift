/// What a ``FrameDecoder`` remembers of the groups it accepted, by their place in the frame, to hand
/// over a repeated group without checking it again.
///
/// A meter sends its groups in the same order in every frame (tic-protocol.md §1, §3-§4), and most of
/// them repeat their value from one frame to the next (the address, the contract, the indexes but the
/// one counting, the period). The checks of ``GroupValidator`` depend on the group's bytes alone, so
/// a group byte for byte the same as the one last accepted at its place is accepted again, with the
/// same label, horodate and data: no label lookup, no field check. And when that earlier group is
/// also the last one accepted with its label, the group repeats its label's last value
/// (``TICSink/acceptRepeat(_:)``): a sink that applied that value can skip it.
///
/// One per decoder, allocated with its group buffer; copied only when a decoder value is copied in
/// the middle of a stream (copy-on-write, like the buffer).
struct GroupMemory {
    /// Groups remembered per frame: more than any frame holds (a standard three-phase frame ~70).
    static let places = 96
    /// Bytes kept per place: a whole group (``FrameDecoder/maximumGroupLength``).
    static let slotSize = 128

    struct Entry {
        /// Bytes of the group (0: nothing remembered at this place).
        var length: Int32 = 0
        var dataOffset: Int32 = 0
        var dataCount: Int32 = 0
        var mode: TICMode = .historic
        var known: KnownLabel = .adco
        var label = Label(packed: 0)
        var horodate: Horodate?
    }

    private let bytes: UnsafeMutablePointer<UInt8>
    private let entries: UnsafeMutablePointer<Entry>
    /// Per known label (its raw value), the place of the last group accepted with it; -1: none.
    private let labelPlaces: UnsafeMutablePointer<Int16>

    init() {
        bytes = .allocate(capacity: Self.places * Self.slotSize)
        entries = .allocate(capacity: Self.places)
        entries.initialize(repeating: Entry(), count: Self.places)
        labelPlaces = .allocate(capacity: KnownLabel.allCases.count)
        labelPlaces.initialize(repeating: -1, count: KnownLabel.allCases.count)
    }

    func copy() -> GroupMemory {
        let other = GroupMemory()
        other.bytes.update(from: bytes, count: Self.places * Self.slotSize)
        other.entries.update(from: entries, count: Self.places)
        other.labelPlaces.update(from: labelPlaces, count: KnownLabel.allCases.count)
        return other
    }

    func deallocate() {
        bytes.deallocate()
        entries.deinitialize(count: Self.places)
        entries.deallocate()
        labelPlaces.deallocate()
    }

    /// The group accepted at `place` when `group` is byte for byte the same, as a view of `group`'s
    /// bytes, and whether it repeats its label's last value; nil otherwise.
    @inline(__always)
    func repeated(_ group: UnsafeBufferPointer<UInt8>, at place: Int) -> (view: GroupView, ofLabel: Bool)? {
        guard place < Self.places, let base = group.baseAddress else { return nil }
        let entry = entries[place]
        guard Int(entry.length) == group.count,
              Self.equal(base, bytes + place &* Self.slotSize, count: group.count) else { return nil }
        let view = GroupView(mode: entry.mode, label: entry.label, known: entry.known, horodate: entry.horodate,
                             data: UnsafeBufferPointer(start: base + Int(entry.dataOffset), count: Int(entry.dataCount)))
        let slot = Int(entry.known.rawValue)
        if labelPlaces[slot] == place { return (view, true) }
        labelPlaces[slot] = Int16(place)
        return (view, false)
    }

    /// Remembers `view`, just accepted from `group` at `place` (groups of unknown labels are not
    /// remembered: they are kept raw, and rare).
    @inline(__always)
    func remember(_ view: GroupView, of group: UnsafeBufferPointer<UInt8>, at place: Int) {
        guard let known = view.known else { return }
        labelPlaces[Int(known.rawValue)] = place < Self.places ? Int16(place) : -1
        guard place < Self.places, let base = group.baseAddress, let data = view.data.baseAddress else { return }
        (bytes + place &* Self.slotSize).update(from: base, count: group.count)
        entries[place] = Entry(length: Int32(group.count), dataOffset: Int32(data - base), dataCount: Int32(view.data.count),
                               mode: view.mode, known: known, label: view.label, horodate: view.horodate)
    }

    /// Byte equality, eight bytes at a time.
    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
        var offset = 0
        while offset &+ 8 <= count {
            if UnsafeRawPointer(a + offset).loadUnaligned(as: UInt64.self)
                != UnsafeRawPointer(b + offset).loadUnaligned(as: UInt64.self) { return false }
            offset &+= 8
        }
        while offset < count {
            if a[offset] != b[offset] { return false }
            offset &+= 1
        }
        return true
    }
}
