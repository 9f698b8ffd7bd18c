/// The column names exporters name their fields after (issue 11): the same words as the history's
/// tables, so a query against InfluxDB and one against SQLite read alike.
extension HistorySchema {
    /// The value columns of a minute row, in ``PowerRow/values`` order.
    public static var exportedPowerColumns: [String] { powerColumns }
}
