import Glibc
import Synchronization

/// The daemon's signals, as counts that nothing loses, whenever they arrive.
///
/// Contract: the `linkyd` executable installs handlers for SIGHUP, SIGTERM and SIGINT in a
/// constructor that runs before `main` (`Sources/CStartup`); they write each signal's number to a
/// pipe, which ``start(readingFrom:)`` reads on a thread of its own. So a `systemctl reload` or `stop`
/// that comes in the first microseconds after exec is never fatal and never lost: it waits in the
/// pipe. Tests deliver signals with ``deliver(_:)``.
public final class SignalInbox: Sendable {
    public static let shared = SignalInbox()

    public enum Kind: Sendable, Hashable {
        /// SIGTERM or SIGINT: graceful shutdown (a second one: stop now).
        case termination
        /// SIGHUP: reload the rules file.
        case hangUp
    }

    private struct State {
        var terminations = 0
        var hangUps = 0
        var started = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// A separate inbox (tests); the daemon uses ``shared``.
    public init() {}

    /// Starts the thread that reads signal numbers from `fd` (once; a negative fd is ignored).
    public func start(readingFrom fd: Int32) {
        let first = state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
        guard first, fd >= 0 else { return }
        var thread = pthread_t()
        let context = Unmanaged.passRetained(Reading(inbox: self, fd: fd))
        let created = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<Reading>.fromOpaque(argument).takeRetainedValue().run()
            return nil
        }, context.toOpaque())
        if created == 0 { pthread_detach(thread) } else { context.release() }
    }

    /// The reading thread's body.
    private final class Reading {
        let inbox: SignalInbox
        let fd: Int32
        init(inbox: SignalInbox, fd: Int32) {
            self.inbox = inbox
            self.fd = fd
        }

        func run() {
            var byte: UInt8 = 0
            while true {
                let count = read(fd, &byte, 1)
                if count == 1 {
                    inbox.deliver(Int32(byte) == SIGHUP ? .hangUp : .termination)
                } else if count < 0, errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    /// How many of each kind arrived so far.
    public func count(_ kind: Kind) -> Int {
        state.withLock { kind == .termination ? $0.terminations : $0.hangUps }
    }

    /// Waits until more than `seen` signals of `kind` have arrived; returns the new count, or nil
    /// when the task is cancelled.
    public func next(_ kind: Kind, after seen: Int) async -> Int? {
        while !Task.isCancelled {
            let current = count(kind)
            if current > seen { return current }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let now = state.withLock { state -> Bool in
                        let current = kind == .termination ? state.terminations : state.hangUps
                        if current > seen || Task.isCancelled { return true }
                        state.waiters.append(continuation)
                        return false
                    }
                    if now { continuation.resume() }
                }
            } onCancel: {
                wakeAll()
            }
        }
        return nil
    }

    /// Delivers a signal as if it had arrived (tests, and the receiving thread).
    public func deliver(_ kind: Kind) {
        let waiters = state.withLock { state in
            if kind == .termination { state.terminations += 1 } else { state.hangUps += 1 }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func wakeAll() {
        let waiters = state.withLock { state in
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
