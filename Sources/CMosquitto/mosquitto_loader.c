// libmosquitto loaded on demand: see include/linkyd_mosquitto.h.
#include "linkyd_mosquitto.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Every function used, as (return type, name, parameters, arguments).
#define LINKYD_MOSQUITTO_FUNCTIONS(X) \
    X(int, mosquitto_lib_init, (void), ()) \
    X(struct mosquitto *, mosquitto_new, (const char *id, bool clean_session, void *obj), (id, clean_session, obj)) \
    X(void, mosquitto_destroy, (struct mosquitto *mosq), (mosq)) \
    X(void, mosquitto_user_data_set, (struct mosquitto *mosq, void *obj), (mosq, obj)) \
    X(int, mosquitto_int_option, (struct mosquitto *mosq, enum mosq_opt_t option, int value), (mosq, option, value)) \
    X(int, mosquitto_username_pw_set, (struct mosquitto *mosq, const char *username, const char *password), \
      (mosq, username, password)) \
    X(int, mosquitto_will_set, \
      (struct mosquitto *mosq, const char *topic, int payloadlen, const void *payload, int qos, bool retain), \
      (mosq, topic, payloadlen, payload, qos, retain)) \
    X(int, mosquitto_tls_set, \
      (struct mosquitto *mosq, const char *cafile, const char *capath, const char *certfile, const char *keyfile, \
       int (*pw_callback)(char *buf, int size, int rwflag, void *userdata)), \
      (mosq, cafile, capath, certfile, keyfile, pw_callback)) \
    X(int, mosquitto_reconnect_delay_set, \
      (struct mosquitto *mosq, unsigned int reconnect_delay, unsigned int reconnect_delay_max, \
       bool reconnect_exponential_backoff), \
      (mosq, reconnect_delay, reconnect_delay_max, reconnect_exponential_backoff)) \
    X(void, mosquitto_connect_callback_set, (struct mosquitto *mosq, void (*on_connect)(struct mosquitto *, void *, int)), \
      (mosq, on_connect)) \
    X(void, mosquitto_disconnect_callback_set, \
      (struct mosquitto *mosq, void (*on_disconnect)(struct mosquitto *, void *, int)), (mosq, on_disconnect)) \
    X(void, mosquitto_publish_callback_set, (struct mosquitto *mosq, void (*on_publish)(struct mosquitto *, void *, int)), \
      (mosq, on_publish)) \
    X(void, mosquitto_message_callback_set, \
      (struct mosquitto *mosq, void (*on_message)(struct mosquitto *, void *, const struct mosquitto_message *)), \
      (mosq, on_message)) \
    X(int, mosquitto_connect_async, (struct mosquitto *mosq, const char *host, int port, int keepalive), \
      (mosq, host, port, keepalive)) \
    X(int, mosquitto_loop_start, (struct mosquitto *mosq), (mosq)) \
    X(int, mosquitto_loop_stop, (struct mosquitto *mosq, bool force), (mosq, force)) \
    X(int, mosquitto_publish, \
      (struct mosquitto *mosq, int *mid, const char *topic, int payloadlen, const void *payload, int qos, bool retain), \
      (mosq, mid, topic, payloadlen, payload, qos, retain)) \
    X(int, mosquitto_subscribe, (struct mosquitto *mosq, int *mid, const char *sub, int qos), (mosq, mid, sub, qos)) \
    X(int, mosquitto_disconnect, (struct mosquitto *mosq), (mosq)) \
    X(const char *, mosquitto_strerror, (int mosq_errno), (mosq_errno)) \
    X(const char *, mosquitto_connack_string, (int connack_code), (connack_code)) \
    X(const char *, mosquitto_reason_string, (int reason_code), (reason_code))

#define LINKYD_POINTER(ret, name, params, args) static ret(*loaded_##name) params;
LINKYD_MOSQUITTO_FUNCTIONS(LINKYD_POINTER)

#define LINKYD_TRAMPOLINE(ret, name, params, args) \
    ret name params { return loaded_##name args; }
LINKYD_MOSQUITTO_FUNCTIONS(LINKYD_TRAMPOLINE)

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int opened = 0;

int linkyd_mosquitto_open(char *error, size_t size) {
    pthread_mutex_lock(&lock);
    if (opened) {
        pthread_mutex_unlock(&lock);
        return 0;
    }
    // The SONAME of libmosquitto 1.x and 2.x (Debian's libmosquitto1 package).
    void *library = dlopen("libmosquitto.so.1", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(error, size, "%s", dlerror());
        pthread_mutex_unlock(&lock);
        return -1;
    }
#define LINKYD_RESOLVE(ret, name, params, args) \
    *(void **)(&loaded_##name) = dlsym(library, #name); \
    if (loaded_##name == NULL) { \
        snprintf(error, size, "libmosquitto.so.1 has no %s", #name); \
        pthread_mutex_unlock(&lock); \
        return -1; \
    }
    LINKYD_MOSQUITTO_FUNCTIONS(LINKYD_RESOLVE)
    opened = 1;
    pthread_mutex_unlock(&lock);
    return 0;
}
