import HAL

extension SerialReader {
    /// What happened to the line, reported to ``SerialConsumer/serialReader(_:didReport:)`` in order
    /// with the bytes: ``HAL/LinkEvent``, the one type the reader, the controller core and its
    /// observers share.
    public typealias LinkEvent = HAL.LinkEvent
}
