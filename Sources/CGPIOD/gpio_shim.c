/* The public shim API (include/linkyd_gpio.h): chip and line resolution, errors with errno and stage,
 * and the chip listing used in hints. Everything libgpiod-specific is in gpio_backend_v1.c / _v2.c. */
#include "linkyd_gpio.h"
#include "gpio_backend.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int fail(struct linkyd_gpio_error *error, int stage, int code, const char *format, const char *what) {
    if (error != NULL) {
        error->code = code;
        error->stage = stage;
        snprintf(error->message, sizeof error->message, format, what, strerror(code));
    }
    return code;
}

#if LINKYD_GPIOD_API == 0

int linkyd_gpio_request_output(const char *chip, const char *line_name, int offset, int active_low,
                               int initial_value, const char *consumer, struct linkyd_gpio_line **out,
                               struct linkyd_gpio_error *error) {
    (void)line_name, (void)offset, (void)active_low, (void)initial_value, (void)consumer;
    if (out != NULL) *out = NULL;
    return fail(error, LINKYD_GPIO_STAGE_CHIP, ENOSYS, "%s: built without libgpiod: %s", chip);
}
int linkyd_gpio_set(struct linkyd_gpio_line *line, int value, struct linkyd_gpio_error *error) {
    (void)line, (void)value;
    return fail(error, LINKYD_GPIO_STAGE_SET, ENOSYS, "%s: %s", "linkyd_gpio_set");
}
void linkyd_gpio_release(struct linkyd_gpio_line *line) { (void)line; }
unsigned int linkyd_gpio_line_offset(const struct linkyd_gpio_line *line) { (void)line; return 0; }
const char *linkyd_gpio_line_chip_path(const struct linkyd_gpio_line *line) { (void)line; return ""; }
int linkyd_gpio_api_version(void) { return 0; }
const char *linkyd_gpio_library_version(void) { return "none"; }
size_t linkyd_gpio_describe_chips(char *buffer, size_t length) {
    if (buffer != NULL && length > 0) buffer[0] = '\0';
    return 0;
}

#else

struct linkyd_gpio_line {
    struct gpiod_chip *chip;
    linkyd_backend_handle *handle;
    unsigned int offset;
    char chip_path[64];
};

enum { MAX_CHIPS = 64 };

static int is_number(const char *text) {
    if (*text == '\0') return 0;
    for (; *text != '\0'; text++) if (!isdigit((unsigned char)*text)) return 0;
    return 1;
}

static int by_chip_number(const void *a, const void *b) {
    long x = strtol((const char *)a + strlen("gpiochip"), NULL, 10);
    long y = strtol((const char *)b + strlen("gpiochip"), NULL, 10);
    return (x > y) - (x < y);
}

/* The gpiochipN entries of /dev, sorted by N; returns their number (at most MAX_CHIPS). */
static size_t list_chips(char names[MAX_CHIPS][32]) {
    DIR *dev = opendir("/dev");
    if (dev == NULL) return 0;
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(dev)) != NULL && count < MAX_CHIPS) {
        size_t size = strlen(entry->d_name) + 1;
        if (strncmp(entry->d_name, "gpiochip", 8) == 0 && is_number(entry->d_name + 8) && size <= 32) {
            memcpy(names[count++], entry->d_name, size);
        }
    }
    closedir(dev);
    qsort(names, count, sizeof names[0], by_chip_number);
    return count;
}

/* Opens a chip given as a path, a number, a /dev name or a label. Sets errno and *failed on error. */
static struct gpiod_chip *open_chip(const char *chip, char path[64], const char **failed) {
    struct stat status;
    *failed = "gpiod_chip_open";
    if (strchr(chip, '/') != NULL) {
        snprintf(path, 64, "%s", chip);
        return linkyd_backend_chip_open(path);
    }
    if (is_number(chip)) {
        snprintf(path, 64, "/dev/gpiochip%s", chip);
        return linkyd_backend_chip_open(path);
    }
    snprintf(path, 64, "/dev/%s", chip);
    if (stat(path, &status) == 0) return linkyd_backend_chip_open(path);
    /* A label: open every chip and compare. Remember why a chip could not be opened. */
    char names[MAX_CHIPS][32];
    size_t count = list_chips(names);
    int denied = 0;
    for (size_t i = 0; i < count; i++) {
        snprintf(path, 64, "/dev/%s", names[i]);
        struct gpiod_chip *candidate = linkyd_backend_chip_open(path);
        if (candidate == NULL) {
            if (errno == EACCES || errno == EPERM) denied = errno;
            continue;
        }
        char label[64];
        unsigned int lines = 0;
        const char *ignored = NULL;
        if (linkyd_backend_chip_info(candidate, label, sizeof label, &lines, &ignored) == 0 &&
            strcmp(label, chip) == 0) {
            return candidate;
        }
        linkyd_backend_chip_close(candidate);
    }
    snprintf(path, 64, "%s", chip);
    *failed = denied ? "gpiod_chip_open (looking for a chip labelled so)" : "no chip with that name or label";
    errno = denied ? denied : ENOENT;
    return NULL;
}

int linkyd_gpio_request_output(const char *chip, const char *line_name, int offset, int active_low,
                               int initial_value, const char *consumer, struct linkyd_gpio_line **out,
                               struct linkyd_gpio_error *error) {
    const char *failed = "";
    if (error != NULL) memset(error, 0, sizeof *error);
    if (out == NULL || chip == NULL || chip[0] == '\0') {
        return fail(error, LINKYD_GPIO_STAGE_CHIP, EINVAL, "%s: %s", "linkyd_gpio_request_output");
    }
    *out = NULL;
    struct linkyd_gpio_line *line = calloc(1, sizeof *line);
    if (line == NULL) return fail(error, LINKYD_GPIO_STAGE_CHIP, ENOMEM, "%s: %s", "calloc");

    line->chip = open_chip(chip, line->chip_path, &failed);
    if (line->chip == NULL) {
        int code = errno;
        free(line);
        return fail(error, LINKYD_GPIO_STAGE_CHIP, code, "%s: %s", failed);
    }
    char label[64];
    unsigned int num_lines = 0;
    if (linkyd_backend_chip_info(line->chip, label, sizeof label, &num_lines, &failed) < 0) {
        int code = errno;
        linkyd_gpio_release(line);
        return fail(error, LINKYD_GPIO_STAGE_CHIP, code, "%s: %s", failed);
    }
    if (error != NULL) error->num_lines = num_lines;

    if (line_name != NULL) {
        int found = linkyd_backend_find_line(line->chip, line_name, &failed);
        if (found < 0) {
            int code = errno != 0 ? errno : ENOENT;
            linkyd_gpio_release(line);
            return fail(error, LINKYD_GPIO_STAGE_LINE, code, "%s: %s", failed);
        }
        offset = found;
    } else if (offset < 0 || (unsigned int)offset >= num_lines) {
        linkyd_gpio_release(line);
        return fail(error, LINKYD_GPIO_STAGE_LINE, ERANGE, "%s: %s", "offset out of range");
    }
    line->offset = (unsigned int)offset;

    line->handle = linkyd_backend_request_output(line->chip, line->offset, active_low, initial_value,
                                                 consumer != NULL ? consumer : "linkyd", &failed);
    if (line->handle == NULL) {
        int code = errno;
        linkyd_gpio_release(line);
        return fail(error, LINKYD_GPIO_STAGE_REQUEST, code, "%s: %s", failed);
    }
    *out = line;
    return 0;
}

int linkyd_gpio_set(struct linkyd_gpio_line *line, int value, struct linkyd_gpio_error *error) {
    const char *failed = "";
    if (line == NULL || line->handle == NULL) {
        return fail(error, LINKYD_GPIO_STAGE_SET, EBADF, "%s: %s", "linkyd_gpio_set");
    }
    if (linkyd_backend_set(line->handle, line->offset, value, &failed) < 0) {
        return fail(error, LINKYD_GPIO_STAGE_SET, errno, "%s: %s", failed);
    }
    return 0;
}

void linkyd_gpio_release(struct linkyd_gpio_line *line) {
    if (line == NULL) return;
    int saved = errno;
    if (line->handle != NULL) linkyd_backend_release(line->handle);
    if (line->chip != NULL) linkyd_backend_chip_close(line->chip);
    free(line);
    errno = saved;
}

unsigned int linkyd_gpio_line_offset(const struct linkyd_gpio_line *line) { return line->offset; }

const char *linkyd_gpio_line_chip_path(const struct linkyd_gpio_line *line) { return line->chip_path; }

int linkyd_gpio_api_version(void) { return LINKYD_GPIOD_API; }

const char *linkyd_gpio_library_version(void) { return linkyd_backend_version(); }

size_t linkyd_gpio_describe_chips(char *buffer, size_t length) {
    char names[MAX_CHIPS][32];
    size_t count = list_chips(names);
    size_t used = 0;
    if (buffer == NULL || length == 0) return count;
    buffer[0] = '\0';
    for (size_t i = 0; i < count && used < length; i++) {
        char path[64], label[64];
        unsigned int lines = 0;
        const char *ignored = NULL;
        snprintf(path, sizeof path, "/dev/%s", names[i]);
        struct gpiod_chip *chip = linkyd_backend_chip_open(path);
        int written;
        if (chip == NULL) {
            written = snprintf(buffer + used, length - used, "%s (%s)\n", names[i], strerror(errno));
        } else if (linkyd_backend_chip_info(chip, label, sizeof label, &lines, &ignored) < 0) {
            written = snprintf(buffer + used, length - used, "%s\n", names[i]);
        } else {
            written = snprintf(buffer + used, length - used, "%s [%s] (%u lines)\n", names[i], label, lines);
        }
        if (chip != NULL) linkyd_backend_chip_close(chip);
        if (written < 0) break;
        used += (size_t)written < length - used ? (size_t)written : length - used - 1;
    }
    return count;
}

#endif
