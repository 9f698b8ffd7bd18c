#define _GNU_SOURCE
#include "linkyd_startup.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static int signal_pipe[2] = {-1, -1};

static void linkyd_on_signal(int number) {
    int saved = errno;
    unsigned char byte = (unsigned char)number;
    if (signal_pipe[1] >= 0) {
        (void)write(signal_pipe[1], &byte, 1); // non-blocking: never stalls the interrupted thread
    }
    errno = saved;
}

__attribute__((constructor(101))) static void linkyd_take_signals_before_main(void) {
    if (pipe2(signal_pipe, O_CLOEXEC) != 0) {
        signal_pipe[0] = signal_pipe[1] = -1;
    } else {
        fcntl(signal_pipe[1], F_SETFL, fcntl(signal_pipe[1], F_GETFL) | O_NONBLOCK);
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = linkyd_on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    // A parent may have left them blocked (a test runner, a careless supervisor): with the handlers in
    // place they are safe to receive, so take them.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int linkyd_startup_signal_fd(void) { return signal_pipe[0]; }

void linkyd_startup_restore_default_signals(void) {
    signal(SIGHUP, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
}
