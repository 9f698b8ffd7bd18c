import Controller
import HAL
import LinuxIO
import Logging
import ServiceLifecycle
import TIC

/// One meter's serial line as a service: its reader thread starts in ``run()`` and hands every chunk
/// straight to the controller on that thread (no queue, so nothing is dropped: while the controller
/// decides, the bytes wait in the kernel's tty buffer), with the line's events. On shutdown it stops
/// the reader without waiting for it: a thread blocked in a slow `open(2)` (a USB or Bluetooth serial
/// device) finishes on its own, and delivers nothing after the stop.
///
/// The reader's thread is where decisions are made (read → decode → evaluate → line driven): it
/// runs at nice `readerNice` (-10 by default, ``ReaderThread/raisePriority(nice:)``) so that the web
/// server, the exporters or any other busy process on the Pi do not stretch a decision. Without the
/// right to (no `LimitNICE=-10`, no `CAP_SYS_NICE`) it keeps the default priority, said once in the log.
public struct MeterReaderService<C: Clock>: Service where C.Duration == Duration {
    let reader: SerialReader
    let meter: Int
    let controller: LiveController<C>
    let logger: Logger?
    let readerNice: Int32?

    public static var defaultReaderNice: Int32 { -10 }

    public init(reader: SerialReader, meter: Int, controller: LiveController<C>, logger: Logger? = nil,
                readerNice: Int32? = Self.defaultReaderNice) {
        self.reader = reader
        self.meter = meter
        self.controller = controller
        self.logger = logger
        self.readerNice = readerNice
    }

    public func run() async {
        let reading = reader.start(delivering: Feed(meter: meter, controller: controller, logger: logger, nice: readerNice))
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await reading.finished()
            } onGracefulShutdown: {
                reading.stop()
            }
        } onCancel: {
            reading.stop()
        }
    }

    /// The reader's consumer: the controller, for one meter.
    final class Feed: SerialConsumer {
        let meter: Int
        let controller: LiveController<C>
        let logger: Logger?
        let nice: Int32?

        init(meter: Int, controller: LiveController<C>, logger: Logger?, nice: Int32?) {
            self.meter = meter
            self.controller = controller
            self.logger = logger
            self.nice = nice
        }

        func serialReaderStarted(_ reader: SerialReader) {
            guard let nice, let problem = ReaderThread.raisePriority(nice: nice) else { return }
            let meters = controller.rules.meters
            let name = meters.indices.contains(meter) ? meters[meter].name : "\(meter)"
            logger?.info("""
                meter '\(name)': reader thread left at nice \(ReaderThread.nice), not \(nice) (setpriority: \(problem)); \
                decisions may wait behind other work when the Pi is busy
                hint: the systemd unit allows it (LimitNICE=-10); elsewhere give linkyd CAP_SYS_NICE or `ulimit -e 30`
                """)
        }

        func serialReader(_ reader: SerialReader, received bytes: UnsafeRawBufferPointer) -> DecoderStatistics {
            controller.receive(bytes, from: meter)
        }

        func serialReader(_ reader: SerialReader, didReport event: SerialReader.LinkEvent) {
            controller.link(event, meter: meter)
        }
    }
}
