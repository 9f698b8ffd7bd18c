import Controller
import HAL
import LinuxIO
import ServiceLifecycle
import TIC

/// One meter's serial line as a service: its reader thread starts in ``run()`` and hands every chunk
/// straight to the controller on that thread (no queue, so nothing is dropped: while the controller
/// decides, the bytes wait in the kernel's tty buffer), with the line's events. On shutdown it stops
/// the reader without waiting for it: a thread blocked in a slow `open(2)` (a USB or Bluetooth serial
/// device) finishes on its own, and delivers nothing after the stop.
public struct MeterReaderService<C: Clock>: Service where C.Duration == Duration {
    let reader: SerialReader
    let meter: Int
    let controller: LiveController<C>

    public init(reader: SerialReader, meter: Int, controller: LiveController<C>) {
        self.reader = reader
        self.meter = meter
        self.controller = controller
    }

    public func run() async {
        let reading = reader.start(delivering: Feed(meter: meter, controller: controller))
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

        init(meter: Int, controller: LiveController<C>) {
            self.meter = meter
            self.controller = controller
        }

        func serialReader(_ reader: SerialReader, received bytes: UnsafeRawBufferPointer) -> DecoderStatistics {
            controller.receive(bytes, from: meter)
        }

        func serialReader(_ reader: SerialReader, didReport event: SerialReader.LinkEvent) {
            controller.link(event, meter: meter)
        }
    }
}
