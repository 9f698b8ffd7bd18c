/// The tariff option text, historic `OPTARIF` or standard `NGTF` (trimmed), classified once when
/// the group is applied (tic-protocol.md §3, §4, §7.2) so that ``MeterState/tariffOption`` and
/// everything derived from it read a stored value and do no string work.
///
/// The classification depends on the mode (a historic meter's `BBRx` is Tempo whatever follows the
/// prefix); both readings are kept, so a state whose ``MeterState/mode`` is set after its text still
/// reads the right one.
struct ClassifiedTariffOption: Sendable, Hashable {
    let text: String
    /// The option when the meter is in historic mode.
    let historic: TariffOption
    /// The option in standard mode (or while no mode is known).
    let standard: TariffOption

    init(_ text: String) {
        self.text = text
        historic = ClassifiedTariffOption.classify(text, historic: true)
        standard = ClassifiedTariffOption.classify(text, historic: false)
    }

    func option(in mode: TICMode?) -> TariffOption { mode == .historic ? historic : standard }

    /// Historic codes first (`BASE`, `HC..`, `EJP.`, `BBRx` — §3, §7.2), then the keywords of a
    /// standard supplier calendar name (`TEMPO`, `EJP`, `H PLEINE/CREUSE`, `BASE`, `PRODUCTEUR`).
    static func classify(_ text: String, historic: Bool) -> TariffOption {
        if historic || text.count == 4 && (text.hasPrefix("BBR") || text == "HC.." || text == "EJP." || text == "BASE") {
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
}
