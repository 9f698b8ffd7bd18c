import TIC

/// Receives what a ``SerialReader`` reads, on the reader's own thread, synchronously.
///
/// Being synchronous is the backpressure: while the consumer works, the next bytes wait in the
/// kernel's tty buffer (and, once that is full, in the UART's): nothing is dropped, nothing is copied
/// into an intermediate queue. A consumer that is slower than the line on average eventually loses
/// bytes in the kernel (tty overrun), never silently in the reader.
///
/// Contract:
/// - Every method is called on the reader's thread only, one call at a time, never concurrently
///   (a consumer used by one reader may keep its state unsynchronised if it documents that; one shared
///   by several readers must protect it).
/// - After ``SerialReading/stop()`` returned, none is called again.
/// - Calling ``SerialReading/stop()`` from inside any of them is allowed (it returns at once).
/// - Keep calls short (decode, hand over, return): the reader reads the next bytes only after the call.
public protocol SerialConsumer: AnyObject, Sendable {
    /// Bytes as read, in order, each exactly once (bit 7 cleared in ``SerialParity/none8N1MaskBit7``
    /// mode); valid only during the call: copy what must outlive it.
    ///
    /// Returns the statistics of the decoder the bytes went to: cumulative counts that only grow.
    /// In ``SerialReader/TICModeSetting/auto`` mode the reader feeds their growth between observations to
    /// its ``ModeDetector`` (the first call's value is the baseline; a value that goes backwards, a
    /// decoder replaced, becomes the new baseline). In fixed modes the value is ignored.
    func serialReader(_ reader: SerialReader, received bytes: UnsafeRawBufferPointer) -> DecoderStatistics

    /// What happened to the line, in order with the bytes.
    func serialReader(_ reader: SerialReader, didReport event: SerialReader.LinkEvent)

    /// The reader's own thread started, before it opens the port: the place to give that thread what
    /// the consumer's work needs (``ReaderThread/raisePriority(nice:)``). Not called when the reader
    /// fell back to a task of Swift's pool (no thread could be made), nor after a stop. Default: nothing.
    func serialReaderStarted(_ reader: SerialReader)
}

extension SerialConsumer {
    public func serialReaderStarted(_ reader: SerialReader) {}
}
