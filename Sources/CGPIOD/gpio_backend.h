/*
 * Private to the shim: which libgpiod API to build for, and the few primitives each backend provides.
 *
 * Selection, at compile time, from the <gpiod.h> that the compiler finds:
 *   - libgpiod 1.x defines the macro GPIOD_LINE_BULK_MAX_LINES (struct gpiod_line_bulk is 1.x only);
 *     2.x has no line bulks and defines no such macro. (Its GPIOD_LINE_VALUE_ACTIVE is an enum constant,
 *     invisible to the preprocessor, so it cannot be tested with #ifdef.)
 *   - -DLINKYD_GPIOD_API=1 or =2 overrides the detection; -DLINKYD_GPIOD_EXPECT_V2 turns a 1.x pick
 *     into an error (scripts/check-libgpiod2.sh uses it).
 *   - Not Linux: API 0, every request fails with ENOSYS (so the package still builds elsewhere).
 */
#ifndef LINKYD_GPIO_BACKEND_H
#define LINKYD_GPIO_BACKEND_H

#include <stddef.h>

#if defined(__linux__)
#  if defined(__has_include)
#    if !__has_include(<gpiod.h>)
#      error "libgpiod headers not found: install libgpiod-dev (scripts/bootstrap.sh does it)"
#    endif
#  endif
#  include <gpiod.h>
#  if !defined(LINKYD_GPIOD_API)
#    if defined(GPIOD_LINE_BULK_MAX_LINES)
#      define LINKYD_GPIOD_API 1
#    else
#      define LINKYD_GPIOD_API 2
#    endif
#  endif
#else
#  define LINKYD_GPIOD_API 0
#endif

#if defined(LINKYD_GPIOD_EXPECT_V2) && LINKYD_GPIOD_API != 2
#  error "expected the libgpiod 2.x API, but <gpiod.h> is libgpiod 1.x"
#endif

#if LINKYD_GPIOD_API == 1
typedef struct gpiod_line linkyd_backend_handle;         /* belongs to the chip: keep the chip open */
#elif LINKYD_GPIOD_API == 2
typedef struct gpiod_line_request linkyd_backend_handle; /* independent of the chip once requested */
#endif

#if LINKYD_GPIOD_API != 0
/* Each returns NULL or -1 with errno set; *failed names the libgpiod call for the error message. */
struct gpiod_chip *linkyd_backend_chip_open(const char *path);
void linkyd_backend_chip_close(struct gpiod_chip *chip);
int linkyd_backend_chip_info(struct gpiod_chip *chip, char *label, size_t label_length,
                             unsigned int *num_lines, const char **failed);
int linkyd_backend_find_line(struct gpiod_chip *chip, const char *name, const char **failed);
linkyd_backend_handle *linkyd_backend_request_output(struct gpiod_chip *chip, unsigned int offset,
                                                     int active_low, int value, const char *consumer,
                                                     const char **failed);
int linkyd_backend_set(linkyd_backend_handle *handle, unsigned int offset, int value, const char **failed);
void linkyd_backend_release(linkyd_backend_handle *handle);
const char *linkyd_backend_version(void);
#endif

#endif /* LINKYD_GPIO_BACKEND_H */
