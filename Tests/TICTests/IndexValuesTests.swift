import Testing
import TIC

/// The inline index storage behaves as the array it replaced: positions, equality and hashing see
/// every value, and a copy is independent of the original.
@Suite struct IndexValuesTests {
    @Test func storesEachPositionIndependently() {
        var values = IndexValues<WattHours>(count: 10)
        #expect(values.count == 10 && values.allSatisfy { $0 == nil })
        for position in values.indices { values[position] = WattHours(position * 100 + 7) }
        #expect(values.map { $0?.value } == (0..<10).map { $0 * 100 + 7 })
        var copy = values
        copy[9] = nil
        #expect(values[9] == WattHours(907) && copy[9] == nil)
    }

    @Test func equalityAndHashSeeEveryValueAndTheCount() {
        var a = IndexValues<WattHours>(count: 4), b = IndexValues<WattHours>(count: 4)
        #expect(a == b && a.hashValue == b.hashValue)
        for position in 0..<4 {
            b[position] = WattHours(1)
            #expect(a != b, "position \(position)")
            a[position] = WattHours(1)
            #expect(a == b && a.hashValue == b.hashValue)
        }
        #expect(IndexValues<WattHours>(count: 4) != IndexValues<WattHours>(count: 10))
    }

    /// Two meter states that differ only by one index are different states (MeterState's Hashable).
    @Test func aMeterStateComparesItsIndexes() {
        var a = MeterState(), b = MeterState()
        a.supplierIndexes[5] = WattHours(844_115)
        #expect(a != b)
        b.supplierIndexes[5] = WattHours(844_115)
        #expect(a == b)
        b.reactiveEnergy[3] = VoltAmpereReactiveHours(1)
        #expect(a != b)
    }
}
