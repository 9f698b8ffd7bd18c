/* A thin shim over the Linux I2C userspace interface for LinuxIO.I2CDevice:
 * <linux/i2c-dev.h> (the /dev/i2c-N ioctls, Documentation/i2c/dev-interface.rst) and libi2c's
 * <i2c/smbus.h> (package libi2c-dev, linked with -li2c). ioctl is variadic, so Swift calls these
 * wrappers instead. Every function returns -1 with errno set on failure. */
#ifndef LINKYD_I2C_H
#define LINKYD_I2C_H

#include <errno.h>
#include <stdint.h>

#ifdef __linux__
#include <sys/ioctl.h>
#include <linux/i2c-dev.h>
#include <i2c/smbus.h>

/* Selects the target address for the following read()/write() calls (I2C_SLAVE). */
static inline int linkyd_i2c_set_address(int fd, int address) {
    return ioctl(fd, I2C_SLAVE, (unsigned long)address);
}

/* The adapter's functionality bits (I2C_FUNCS). */
static inline int linkyd_i2c_functionality(int fd, unsigned long *functionality) {
    return ioctl(fd, I2C_FUNCS, functionality);
}

/* Plain I2C transfers: write() of any length works. */
static inline int linkyd_i2c_has_plain_transfers(unsigned long functionality) {
    return (functionality & I2C_FUNC_I2C) != 0;
}

/* SMBus "write I2C block": a command byte and up to 32 data bytes. */
static inline int linkyd_i2c_has_block_writes(unsigned long functionality) {
    return (functionality & I2C_FUNC_SMBUS_WRITE_I2C_BLOCK) != 0;
}

static inline int linkyd_i2c_write_block(int fd, uint8_t command, uint8_t length, const uint8_t *values) {
    return i2c_smbus_write_i2c_block_data(fd, command, length, values);
}

#else
static inline int linkyd_i2c_set_address(int fd, int address) { (void)fd; (void)address; errno = ENOSYS; return -1; }
static inline int linkyd_i2c_functionality(int fd, unsigned long *f) { (void)fd; (void)f; errno = ENOSYS; return -1; }
static inline int linkyd_i2c_has_plain_transfers(unsigned long f) { (void)f; return 0; }
static inline int linkyd_i2c_has_block_writes(unsigned long f) { (void)f; return 0; }
static inline int linkyd_i2c_write_block(int fd, uint8_t c, uint8_t n, const uint8_t *v) {
    (void)fd; (void)c; (void)n; (void)v; errno = ENOSYS; return -1;
}
#endif

#endif
