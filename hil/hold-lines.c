// SPDX-License-Identifier: MIT
/*
 * hold-lines PID: keeps the GPIO lines that process PID has requested after it exits.
 *
 * gpio-sim returns a released line to its pull, so the fail-safe values linkyd drives on SIGTERM
 * are gone from the simulator a moment later, when linkyd exits and its line requests close. This
 * program duplicates linkyd's line-request file descriptors (pidfd_getfd(2), Linux 5.6) while it
 * runs: the requests then outlive linkyd, with the last values it drove, and the test reads them
 * from the simulator at leisure. Prints "held N" once it holds N requests, then sleeps until killed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: hold-lines PID\n");
		return 2;
	}
	int pid = atoi(argv[1]);
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0) {
		perror("pidfd_open");
		return 1;
	}
	char dir[64];
	snprintf(dir, sizeof dir, "/proc/%d/fd", pid);
	DIR *d = opendir(dir);
	if (!d) {
		perror(dir);
		return 1;
	}
	int held = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		char path[384], target[256];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		ssize_t n = readlink(path, target, sizeof target - 1);
		if (n < 0)
			continue;
		target[n] = '\0';
		/* uAPI v1 "gpio-linehandle" (libgpiod 1.6), v2 "gpio-line" (libgpiod 2.x) */
		if (strncmp(target, "anon_inode:gpio-line", 20) != 0)
			continue;
		if (syscall(SYS_pidfd_getfd, pidfd, atoi(e->d_name), 0) < 0) {
			perror("pidfd_getfd");
			return 1;
		}
		held++;
	}
	closedir(d);
	printf("held %d\n", held);
	fflush(stdout);
	for (;;)
		pause();
}
