import Glibc

/// The calling thread's scheduling, for the threads that read a meter and decide on its bytes.
public enum ReaderThread {
    /// Gives the calling thread (only it, not the process) the nice value `nice` (-20…19; lower is
    /// more CPU share). The decision path (read → decode → evaluate → line driven) runs on the
    /// serial reader's thread: at -10 it gets ~10× the CPU share of a default thread, so a busy web
    /// server, exporters or a compiler on the same 2-core Pi do not stretch a decision.
    ///
    /// Lowering a nice value needs `CAP_SYS_NICE` or a `RLIMIT_NICE` that allows it (the systemd unit
    /// sets `LimitNICE=-10`); otherwise the thread keeps its priority and the error is returned
    /// (the system's words for EACCES or EPERM). Linux: `setpriority(PRIO_PROCESS, 0)` applies to the calling thread only (setpriority(2),
    /// "BUGS": nice is per thread on Linux).
    @discardableResult
    public static func raisePriority(nice: Int32) -> String? {
        // who = 0 is `current` in the kernel: the calling thread, not its process.
        let tid: id_t = 0
        errno = 0
        let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid)
        if errno == 0, current <= nice { return nil }
        guard setpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid, nice) == 0 else { return Errno.text(errno) }
        return nil
    }

    /// The calling thread's nice value.
    public static var nice: Int32 {
        getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
    }
}
