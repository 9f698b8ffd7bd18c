// SPDX-License-Identifier: GPL-2.0
/*
 * i2c-rec: a test I2C adapter that records every message written to it.
 *
 * Unlike i2c-stub (SMBus only, a 256-byte register file), it implements master_xfer, so a plain
 * write() on /dev/i2c-N goes through as one I2C message, as on the Raspberry Pi's controller. The
 * device at `addr` (default 0x3c, an SSD1306 OLED) acknowledges everything; other addresses NAK.
 * Messages are appended to /sys/kernel/debug/i2c-rec/log, one a line: "3c: 00 ae d5 80", or
 * "3c: read 4" (reads get zeroes). The log stops growing at 4 MiB and then ends with "overflow".
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/i2c.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/vmalloc.h>

static unsigned short addr = 0x3c;
module_param(addr, ushort, 0444);
MODULE_PARM_DESC(addr, "7-bit address of the recorded device");

#define LOG_SIZE (4 << 20)
static char *log_buf;
static size_t log_len;
static bool log_full;
static DEFINE_MUTEX(log_lock);
static struct dentry *log_dir;

static void log_message(const struct i2c_msg *m)
{
	size_t room = LOG_SIZE - log_len;
	int i;

	if (log_full)
		return;
	if (room < 32 + 3 * (size_t)m->len) {
		log_len += scnprintf(log_buf + log_len, room, "overflow\n");
		log_full = true;
		return;
	}
	if (m->flags & I2C_M_RD) {
		log_len += scnprintf(log_buf + log_len, room, "%02x: read %u\n", m->addr, m->len);
		return;
	}
	log_len += scnprintf(log_buf + log_len, room, "%02x:", m->addr);
	for (i = 0; i < m->len; i++)
		log_len += scnprintf(log_buf + log_len, LOG_SIZE - log_len, " %02x", m->buf[i]);
	log_len += scnprintf(log_buf + log_len, LOG_SIZE - log_len, "\n");
}

static int rec_xfer(struct i2c_adapter *adapter, struct i2c_msg *msgs, int num)
{
	int i;

	for (i = 0; i < num; i++)
		if (msgs[i].addr != addr)
			return -ENXIO;
	mutex_lock(&log_lock);
	for (i = 0; i < num; i++) {
		if (msgs[i].flags & I2C_M_RD)
			memset(msgs[i].buf, 0, msgs[i].len);
		log_message(&msgs[i]);
	}
	mutex_unlock(&log_lock);
	return num;
}

static u32 rec_functionality(struct i2c_adapter *adapter)
{
	return I2C_FUNC_I2C | I2C_FUNC_SMBUS_EMUL;
}

static const struct i2c_algorithm rec_algorithm = {
	.master_xfer = rec_xfer,
	.functionality = rec_functionality,
};

static struct i2c_adapter rec_adapter = {
	.owner = THIS_MODULE,
	.algo = &rec_algorithm,
	.name = "linkyd-hil I2C recorder",
};

static ssize_t log_read(struct file *file, char __user *to, size_t count, loff_t *pos)
{
	ssize_t n;

	mutex_lock(&log_lock);
	n = simple_read_from_buffer(to, count, pos, log_buf, log_len);
	mutex_unlock(&log_lock);
	return n;
}

static const struct file_operations log_fops = {
	.owner = THIS_MODULE,
	.read = log_read,
	.llseek = default_llseek,
};

static int __init rec_init(void)
{
	int err;

	log_buf = vzalloc(LOG_SIZE);
	if (!log_buf)
		return -ENOMEM;
	err = i2c_add_adapter(&rec_adapter);
	if (err) {
		vfree(log_buf);
		return err;
	}
	log_dir = debugfs_create_dir("i2c-rec", NULL);
	debugfs_create_file("log", 0400, log_dir, NULL, &log_fops);
	return 0;
}

static void __exit rec_exit(void)
{
	debugfs_remove_recursive(log_dir);
	i2c_del_adapter(&rec_adapter);
	vfree(log_buf);
}

module_init(rec_init);
module_exit(rec_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Test I2C adapter recording every message (linkyd hil/)");
