/* Runs the CGPIOD shim's hardware-free paths, whichever libgpiod it is built and run against:
 * scripts/check-libgpiod2.sh uses it to run the 2.x path with Debian 13's libgpiod.so.3 on Debian 12.
 * Usage: shim-smoke EXPECTED_API (1 or 2). Exits 0 when every check passes. */
#include "linkyd_gpio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

static void expect_failure(const char *chip, const char *line_name, int offset, int stage, int code1, int code2) {
    struct linkyd_gpio_line *line = (struct linkyd_gpio_line *)1;
    struct linkyd_gpio_error error;
    int rc = linkyd_gpio_request_output(chip, line_name, offset, 1, 1, "shim-smoke", &line, &error);
    int ok = rc != 0 && line == NULL && error.code == rc && error.stage == stage && (rc == code1 || rc == code2);
    printf("%s request_output(%s) -> errno %d (%s), stage %d: %s\n", ok ? "ok  " : "FAIL", chip, rc,
           strerror(rc), error.stage, error.message);
    if (!ok) failures++;
}

int main(int argc, char **argv) {
    int expected_api = argc > 1 ? atoi(argv[1]) : 0;
    char chips[1024];
    size_t count = linkyd_gpio_describe_chips(chips, sizeof chips);
    int api_ok = linkyd_gpio_api_version() == expected_api;
    printf("%s api %d, libgpiod %s, %zu chip(s) in /dev\n", api_ok ? "ok  " : "FAIL", linkyd_gpio_api_version(),
           linkyd_gpio_library_version(), count);
    if (!api_ok) failures++;
    expect_failure("linkyd-no-such-chip", "GPIO17", 0, LINKYD_GPIO_STAGE_CHIP, ENOENT, ENOENT);
    expect_failure("/dev/gpiochip999", NULL, 3, LINKYD_GPIO_STAGE_CHIP, ENOENT, ENOENT);
    expect_failure("999", NULL, 3, LINKYD_GPIO_STAGE_CHIP, ENOENT, ENOENT);
    expect_failure("/dev/null", NULL, 0, LINKYD_GPIO_STAGE_CHIP, ENOTTY, ENODEV);
    struct linkyd_gpio_error error;
    int rc = linkyd_gpio_set(NULL, 1, &error);
    printf("%s set(NULL) -> errno %d: %s\n", rc == EBADF ? "ok  " : "FAIL", rc, error.message);
    if (rc != EBADF) failures++;
    linkyd_gpio_release(NULL);
    return failures == 0 ? 0 : 1;
}
