/* The backend for libgpiod 2.x (2.0 to 2.2; Debian 13 / Raspberry Pi OS trixie). Compile-checked on
 * Debian 12 by scripts/check-libgpiod2.sh against Debian 13's unpacked libgpiod-dev. */
#include "gpio_backend.h"

#if LINKYD_GPIOD_API == 2
#include <errno.h>
#include <stdio.h>

struct gpiod_chip *linkyd_backend_chip_open(const char *path) { return gpiod_chip_open(path); }

void linkyd_backend_chip_close(struct gpiod_chip *chip) { gpiod_chip_close(chip); }

int linkyd_backend_chip_info(struct gpiod_chip *chip, char *label, size_t label_length,
                             unsigned int *num_lines, const char **failed) {
    struct gpiod_chip_info *info = gpiod_chip_get_info(chip);
    if (info == NULL) {
        *failed = "gpiod_chip_get_info";
        return -1;
    }
    const char *text = gpiod_chip_info_get_label(info);
    snprintf(label, label_length, "%s", text != NULL ? text : "");
    *num_lines = (unsigned int)gpiod_chip_info_get_num_lines(info);
    gpiod_chip_info_free(info);
    return 0;
}

int linkyd_backend_find_line(struct gpiod_chip *chip, const char *name, const char **failed) {
    int offset = gpiod_chip_get_line_offset_from_name(chip, name);
    if (offset < 0) {
        *failed = "gpiod_chip_get_line_offset_from_name";
        return -1;
    }
    return offset;
}

linkyd_backend_handle *linkyd_backend_request_output(struct gpiod_chip *chip, unsigned int offset,
                                                     int active_low, int value, const char *consumer,
                                                     const char **failed) {
    struct gpiod_line_settings *settings = gpiod_line_settings_new();
    struct gpiod_line_config *line_config = gpiod_line_config_new();
    struct gpiod_request_config *request_config = gpiod_request_config_new();
    struct gpiod_line_request *request = NULL;
    *failed = "gpiod_line_settings_new";
    if (settings == NULL || line_config == NULL || request_config == NULL) {
        errno = ENOMEM;
        goto done;
    }
    /* Direction, active-low and the initial value go to the kernel in one request: no glitch. */
    *failed = "gpiod_line_settings_set_direction";
    if (gpiod_line_settings_set_direction(settings, GPIOD_LINE_DIRECTION_OUTPUT) < 0) goto done;
    gpiod_line_settings_set_active_low(settings, active_low != 0);
    *failed = "gpiod_line_settings_set_output_value";
    if (gpiod_line_settings_set_output_value(
            settings, value ? GPIOD_LINE_VALUE_ACTIVE : GPIOD_LINE_VALUE_INACTIVE) < 0) goto done;
    *failed = "gpiod_line_config_add_line_settings";
    if (gpiod_line_config_add_line_settings(line_config, &offset, 1, settings) < 0) goto done;
    gpiod_request_config_set_consumer(request_config, consumer);
    *failed = "gpiod_chip_request_lines";
    request = gpiod_chip_request_lines(chip, request_config, line_config);
done:;
    int saved = errno;
    if (request_config != NULL) gpiod_request_config_free(request_config);
    if (line_config != NULL) gpiod_line_config_free(line_config);
    if (settings != NULL) gpiod_line_settings_free(settings);
    errno = saved;
    return request;
}

int linkyd_backend_set(linkyd_backend_handle *handle, unsigned int offset, int value, const char **failed) {
    if (gpiod_line_request_set_value(
            handle, offset, value ? GPIOD_LINE_VALUE_ACTIVE : GPIOD_LINE_VALUE_INACTIVE) < 0) {
        *failed = "gpiod_line_request_set_value";
        return -1;
    }
    return 0;
}

void linkyd_backend_release(linkyd_backend_handle *handle) { gpiod_line_request_release(handle); }

const char *linkyd_backend_version(void) { return gpiod_api_version(); }

#endif
