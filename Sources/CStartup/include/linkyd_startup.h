#ifndef LINKYD_STARTUP_H
#define LINKYD_STARTUP_H

/// SIGHUP, SIGTERM and SIGINT get a handler in a constructor that runs before main(), hence before
/// any thread exists and before anything can race it: from the first instruction of linkyd on, such
/// a signal never takes its default action (a SIGHUP used to kill linkyd without its fail-safe). The
/// handler only writes the signal's number to a pipe (async-signal-safe, non-blocking); `linkyd run`
/// reads it on a thread of its own (Daemon's SignalInbox). Signals that arrive before anyone reads
/// wait in the pipe.

/// The pipe's read end, or -1 when the constructor could not set it up.
int linkyd_startup_signal_fd(void);

/// Commands other than `run` restore the default actions (Ctrl-C stops `demo` and `decode`).
void linkyd_startup_restore_default_signals(void);

#endif
