/// Checks the bytes of one group, between LF and CR, and splits it (tic-protocol.md §1.2-1.4).
///
/// The last byte is the checksum and the byte before it the separator, which tells the mode: SP
/// historic, HT standard. The checksum zone is everything before the separator in historic mode and
/// everything up to and including it in standard mode. Then the label must be known with its data in
/// its format (``KnownLabel/format``), or unknown but well formed (kept raw, text data).
public enum GroupValidator {
    public enum Verdict: Equatable, Sendable {
        case accepted
        /// The checksum character does not match the zone.
        case checksumError
        /// The group's structure or a field is invalid (counted as malformed).
        case malformed(Problem)
    }

    public enum Problem: String, Sendable {
        case tooShort = "group too short"
        case tooLong = "group longer than any the specification allows"
        case noSeparator = "no separator before the checksum"
        case badLabel = "label not 1-9 characters of A-Z 0-9 + - _"
        case wrongMode = "label of the other TIC mode"
        case badHorodate = "invalid horodate"
        case horodateMismatch = "horodate present where the label has none, or missing"
        case badData = "data does not match the label's format"
        case tooManyFields = "too many separators"
    }

    /// Validates `bytes` (one group without LF/CR). On success calls `accept` with the view.
    /// `sum` is the 8-bit wrapping sum of all the bytes, accumulated as they arrived.
    @inlinable
    public static func validate(
        _ bytes: UnsafeBufferPointer<UInt8>, sum: UInt8, accept: (GroupView) -> Void
    ) -> Verdict {
        let count = bytes.count
        guard count >= 4 else { return .malformed(.tooShort) }
        let checksum = bytes[count - 1], separator = bytes[count - 2]
        let mode: TICMode
        let zoneSum: UInt8
        switch separator {
        case ASCII.sp: mode = .historic; zoneSum = sum &- checksum &- separator
        case ASCII.ht: mode = .standard; zoneSum = sum &- checksum
        default: return .malformed(.noSeparator)
        }
        guard Checksum.character(forSum: zoneSum) == checksum else { return .checksumError }
        return split(UnsafeBufferPointer(rebasing: bytes[0..<count - 2]), mode: mode, accept: accept)
    }

    @usableFromInline
    static func split(_ zone: UnsafeBufferPointer<UInt8>, mode: TICMode, accept: (GroupView) -> Void) -> Verdict {
        // Control and 8-bit bytes need no scan of their own: no label, horodate or data format
        // admits them, so such a group fails one of the checks below.
        let separator = mode.separator
        var first = -1
        for index in 0..<min(zone.count, Label.maximumLength + 1) where zone[index] == separator {
            first = index
            break
        }
        guard first > 0 else {
            return .malformed(first == 0 || zone.contains(separator) ? .badLabel : .noSeparator)
        }
        // Known labels are found from their packed bytes; only an unknown one is checked character by
        // character (A-Z 0-9 + - _).
        let labelBytes = UnsafeBufferPointer(rebasing: zone[0..<first])
        let candidate = Label.packedCandidate(labelBytes).map(Label.init(packed:))
        let known = candidate.flatMap(KnownLabel.lookup)
        guard let label = known != nil ? candidate : Label(bytes: labelBytes) else {
            return .malformed(.badLabel)
        }
        if let known, known.mode != mode { return .malformed(.wrongMode) }
        var horodate: Horodate?
        var dataStart = first + 1
        if mode == .standard {
            if let known, known.hasHorodate {
                // `label HT horodate(13) HT data`: the second HT has a fixed place.
                let second = first + 14
                guard second < zone.count, zone[second] == separator else {
                    return .malformed(separatorCount(zone, from: first + 1) == 0 ? .horodateMismatch : .badHorodate)
                }
                guard let parsed = Horodate(bytes: UnsafeBufferPointer(rebasing: zone[first + 1..<second])) else {
                    return .malformed(.badHorodate)
                }
                horodate = parsed
                dataStart = second + 1
            } else if known == nil {
                // An unknown label may carry a horodate: find the separators.
                var second = -1
                for index in (first + 1)..<zone.count where zone[index] == separator {
                    if second >= 0 { return .malformed(.tooManyFields) }
                    second = index
                }
                if second >= 0 {
                    guard let parsed = Horodate(bytes: UnsafeBufferPointer(rebasing: zone[first + 1..<second])) else {
                        return .malformed(.badHorodate)
                    }
                    horodate = parsed
                    dataStart = second + 1
                }
            }
            // A known label without a horodate takes the rest as its data: no format admits an HT, so
            // a stray one fails the check below (and is named there).
        }
        let data = UnsafeBufferPointer(rebasing: zone[dataStart...])
        if let known {
            guard known.format.accepts(data) else {
                guard mode == .standard else { return .malformed(.badData) }
                switch separatorCount(data, from: 0) {
                case 0: return .malformed(.badData)
                case 1: return .malformed(known.hasHorodate ? .tooManyFields : .horodateMismatch)
                default: return .malformed(.tooManyFields)
                }
            }
        } else {
            guard data.count <= 98, data.allSatisfy(FieldFormat.isText) else { return .malformed(.badData) }
        }
        accept(GroupView(mode: mode, label: label, known: known, horodate: horodate, data: data))
        return .accepted
    }

    /// HT separators in `bytes` from `start` (slow paths only: diagnosing a rejected group).
    @usableFromInline
    static func separatorCount(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var count = 0
        for index in start..<bytes.count where bytes[index] == ASCII.ht { count += 1 }
        return count
    }
}
