/* The backend for libgpiod 1.x (tested with 1.6.3, Debian 12 / Raspberry Pi OS bookworm). It uses the
 * kernel's v1 GPIO uAPI, so the kernel needs CONFIG_GPIO_CDEV_V1=y (Raspberry Pi and Debian kernels
 * have it). */
#include "gpio_backend.h"

#if LINKYD_GPIOD_API == 1
#include <errno.h>
#include <stdio.h>

struct gpiod_chip *linkyd_backend_chip_open(const char *path) { return gpiod_chip_open(path); }

void linkyd_backend_chip_close(struct gpiod_chip *chip) { gpiod_chip_close(chip); }

int linkyd_backend_chip_info(struct gpiod_chip *chip, char *label, size_t label_length,
                             unsigned int *num_lines, const char **failed) {
    (void)failed;
    const char *text = gpiod_chip_label(chip);
    snprintf(label, label_length, "%s", text != NULL ? text : "");
    *num_lines = gpiod_chip_num_lines(chip);
    return 0;
}

int linkyd_backend_find_line(struct gpiod_chip *chip, const char *name, const char **failed) {
    struct gpiod_line *line = gpiod_chip_find_line(chip, name);
    if (line == NULL) {
        *failed = "gpiod_chip_find_line";
        return -1;
    }
    return (int)gpiod_line_offset(line);
}

linkyd_backend_handle *linkyd_backend_request_output(struct gpiod_chip *chip, unsigned int offset,
                                                     int active_low, int value, const char *consumer,
                                                     const char **failed) {
    struct gpiod_line *line = gpiod_chip_get_line(chip, offset);
    if (line == NULL) {
        *failed = "gpiod_chip_get_line";
        return NULL;
    }
    int flags = active_low ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
    /* Direction, active-low and the initial value go to the kernel in one request: no glitch. */
    if (gpiod_line_request_output_flags(line, consumer, flags, value ? 1 : 0) < 0) {
        *failed = "gpiod_line_request_output_flags";
        return NULL;
    }
    return line;
}

int linkyd_backend_set(linkyd_backend_handle *handle, unsigned int offset, int value, const char **failed) {
    (void)offset;
    if (gpiod_line_set_value(handle, value ? 1 : 0) < 0) {
        *failed = "gpiod_line_set_value";
        return -1;
    }
    return 0;
}

void linkyd_backend_release(linkyd_backend_handle *handle) { gpiod_line_release(handle); }

const char *linkyd_backend_version(void) { return gpiod_version_string(); }

#endif
