import Testing
@testable import TIC

/// `OPTARIF`/`NGTF` and `LTARF` are classified once, when received (tic-protocol.md §7.2): the
/// stored classification gives the same answers as reading the text on every access did.
@Suite struct TariffClassificationTests {
    /// The former string-reading ``MeterState/tariffOption``, kept as the reference.
    static func referenceOption(_ text: String?, mode: TICMode?) -> TariffOption? {
        guard let text else { return nil }
        if mode == .historic || text.count == 4 && (text.hasPrefix("BBR") || text == "HC.." || text == "EJP." || text == "BASE") {
            if text == "BASE" { return .base }
            if text == "HC.." { return .offPeak }
            if text == "EJP." { return .ejp }
            if text.hasPrefix("BBR") { return .tempo }
        }
        if text.contains("TEMPO") { return .tempo }
        if text.contains("EJP") { return .ejp }
        if text.contains("CREUSE") || text.contains("HC") { return .offPeak }
        if text.contains("BASE") { return .base }
        if text.contains("PRODUCTEUR") { return .producer }
        return .other
    }

    /// The former reading of `LTARF` for HC/HP contracts.
    static func referenceLabelPeriod(_ label: String) -> TariffPeriod? {
        if label.contains("CREUSE") || label.hasPrefix("HC") { return .hc }
        if label.contains("PLEINE") || label.hasPrefix("HP") { return .hp }
        return nil
    }

    static let texts = [
        "BASE", "HC..", "EJP.", "BBR(", "BBRA", "BBRX1", "BBRHC", "BBR", "TEMPO", "     TEMPO      ", "EJP",
        "H PLEINE/CREUSE", "HEURES CREUSES", "HC", "PRODUCTEUR", "BASE HC", "TEMPO EJP", "HEURE  PLEINE",
        "HP  BLEU", "HC  BLANC", "INDEX NON CONSO", "", "XXXX", "BÂSE", "hc..",
    ]

    @Test(arguments: [TICMode?.none, .historic, .standard])
    func storedOptionMatchesTheTextReading(_ mode: TICMode?) {
        for text in TariffClassificationTests.texts {
            var state = MeterState()
            state.mode = mode
            state.tariffOptionText = text
            #expect(state.tariffOption == TariffClassificationTests.referenceOption(text, mode: mode), "\(text)")
            // The mode may be set after the text (as hand-built states do): the reading follows it.
            var late = MeterState()
            late.tariffOptionText = text
            late.mode = mode
            #expect(late.tariffOption == state.tariffOption && late == state, "\(text)")
        }
    }

    @Test func labelClassificationMatchesTheTextReading() {
        for text in TariffClassificationTests.texts {
            #expect(ClassifiedTariffLabel(text).offPeakPeriod == TariffClassificationTests.referenceLabelPeriod(text), "\(text)")
        }
    }

    /// Applying `NGTF` and `LTARF` stores their classification (trimmed text), once per new text.
    @Test func applyingTheGroupsStoresTheClassification() {
        var state = MeterState()
        state.apply(Frame(groups: [
            Group(mode: .standard, label: "NGTF", data: "H PLEINE/CREUSE "),
            Group(mode: .standard, label: "LTARF", data: " HEURE  CREUSE  "),
        ]))
        #expect(state.classifiedTariffOption == ClassifiedTariffOption("H PLEINE/CREUSE"))
        #expect(state.classifiedTariffOption?.standard == .offPeak)
        #expect(state.classifiedTariffLabel?.text == "HEURE  CREUSE" && state.classifiedTariffLabel?.offPeakPeriod == .hc)
        #expect(state.tariffOptionText == "H PLEINE/CREUSE" && state.tariffLabel == "HEURE  CREUSE")
        state.apply(Frame(groups: [Group(mode: .standard, label: "NGTF", data: "     TEMPO      ")]))
        #expect(state.tariffOption == .tempo && state.tariffOptionText == "TEMPO")
    }

    /// In every real capture, at every frame end, the stored classification answers as the text did.
    @Test(arguments: CaptureTests.expectations.map(\.file))
    func everyCaptureClassifiesAsTheText(_ file: String) throws {
        var checker = Checker()
        var decoder = FrameDecoder()
        decoder.push(try Fixture.bytes(file), into: &checker)
        decoder.finish(into: &checker)
        #expect(checker.mismatches.isEmpty, "\(checker.mismatches)")
        #expect(checker.frames > 0)
    }

    struct Checker: TICSink {
        var state = MeterState()
        var frames = 0
        var mismatches: [String] = []
        mutating func accept(_ group: GroupView) { state.accept(group) }
        mutating func frameStarted() { state.frameStarted() }
        mutating func frameEnded(_ end: FrameEnd) {
            state.frameEnded(end)
            frames += 1
            if state.tariffOption != TariffClassificationTests.referenceOption(state.tariffOptionText, mode: state.mode) {
                mismatches.append("frame \(frames): \(String(describing: state.tariffOptionText))")
            }
            if let label = state.tariffLabel,
               state.classifiedTariffLabel?.offPeakPeriod != TariffClassificationTests.referenceLabelPeriod(label) {
                mismatches.append("frame \(frames): LTARF \(label)")
            }
        }
    }
}
