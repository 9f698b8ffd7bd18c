/*
 * linkyd's GPIO shim: one small, stable C API over libgpiod, implemented for libgpiod 1.6 (Debian 12,
 * Raspberry Pi OS bookworm) and libgpiod 2.x (Debian 13, Raspberry Pi OS trixie), chosen at compile
 * time (see gpio_backend.h). Swift sees only this header, never <gpiod.h>.
 *
 * Lines are logical: value 1 means "active"; with active_low the pin is driven low when active.
 * Functions are not thread-safe for the same line: callers serialise (GPIOOutputLine holds a lock).
 */
#ifndef LINKYD_GPIO_H
#define LINKYD_GPIO_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A requested output line, with its chip. Opaque; freed by linkyd_gpio_release. */
struct linkyd_gpio_line;

/** Where a failure happened, so the caller can tell an unknown chip from an unknown line. */
enum linkyd_gpio_stage {
    LINKYD_GPIO_STAGE_CHIP = 1,    /**< finding or opening the chip (by name, path, number or label) */
    LINKYD_GPIO_STAGE_LINE = 2,    /**< finding the line by name, or checking its offset */
    LINKYD_GPIO_STAGE_REQUEST = 3, /**< requesting the line as an output from the kernel */
    LINKYD_GPIO_STAGE_SET = 4,     /**< setting the value of a requested line */
};

/** What went wrong: an errno value, the stage, and a message naming the libgpiod call. */
struct linkyd_gpio_error {
    int code;               /**< errno (ENOENT, EACCES, EBUSY, ERANGE for an offset out of range, ...) */
    int stage;              /**< enum linkyd_gpio_stage */
    unsigned int num_lines; /**< lines on the chip when known (stage LINE and later), else 0 */
    char message[256];      /**< NUL-terminated, e.g. "gpiod_chip_request_lines: Device or resource busy" */
};

/**
 * Opens a chip and requests one line as an output, with its initial value, in a single kernel request
 * (so the pin never glitches to another value first).
 *
 * chip: a path ("/dev/gpiochip0", anything with a '/'), a number ("0"), a device name ("gpiochip0"),
 *       or a label ("pinctrl-bcm2711"; stable across boots, unlike gpiochipN numbering).
 * line_name: the line's name ("GPIO17"), or NULL to use offset.
 * offset: the line's offset on the chip, used when line_name is NULL.
 * active_low, initial_value: 0 or 1; initial_value is logical.
 * consumer: shown by gpioinfo as the line's user (e.g. "linkyd").
 *
 * Returns 0 and sets *out, or returns the errno value (also in error->code) and leaves *out NULL.
 */
int linkyd_gpio_request_output(const char *chip, const char *line_name, int offset, int active_low,
                               int initial_value, const char *consumer, struct linkyd_gpio_line **out,
                               struct linkyd_gpio_error *error);

/** Sets the logical value (0 or 1). Returns 0, or the errno value (also in error->code). */
int linkyd_gpio_set(struct linkyd_gpio_line *line, int value, struct linkyd_gpio_error *error);

/** Releases the line and closes its chip. NULL is accepted. */
void linkyd_gpio_release(struct linkyd_gpio_line *line);

/** The offset of the requested line on its chip (resolved from its name if one was given). */
unsigned int linkyd_gpio_line_offset(const struct linkyd_gpio_line *line);

/** The path of the chip the line belongs to, e.g. "/dev/gpiochip0". Valid until release. */
const char *linkyd_gpio_line_chip_path(const struct linkyd_gpio_line *line);

/** 1 or 2: the libgpiod API this shim was compiled for; 0 when built without libgpiod (not Linux). */
int linkyd_gpio_api_version(void);

/** The runtime libgpiod version, e.g. "1.6.3" or "2.2.1"; "none" when built without libgpiod. */
const char *linkyd_gpio_library_version(void);

/**
 * Describes the GPIO chips in /dev, one per line: "gpiochip0 [pinctrl-bcm2711] (58 lines)", or
 * "gpiochip0 (Permission denied)" when a chip cannot be opened. Sorted by number. Writes at most
 * length bytes including the NUL (truncating). Returns the number of chips found.
 */
size_t linkyd_gpio_describe_chips(char *buffer, size_t length);

#ifdef __cplusplus
}
#endif

#endif /* LINKYD_GPIO_H */
