import Foundation

extension Process {
    /// `run()` with no signal blocked in the child: a child inherits the spawning thread's mask, and
    /// the test runner's threads block SIGTERM/SIGALRM (a mosquitto or mosquitto_sub started from them
    /// would ignore `terminate()` and its own `-W` timer). The mask is restored at once.
    func runUnblocked() throws {
        var empty = sigset_t(), saved = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try run()
    }
}
