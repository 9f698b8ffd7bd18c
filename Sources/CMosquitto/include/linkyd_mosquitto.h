// libmosquitto (Debian's libmosquitto-dev, 2.x), for the MQTT exporter (Sources/Export).
//
// linkyd does not link libmosquitto: it loads it when an MQTT exporter is made
// (linkyd_mosquitto_open), so a daemon without `mqtt:` never maps it, nor the libssl and libcrypto it
// pulls in (1.7 MB resident). The library's own header gives the types and prototypes; the functions
// MQTTClient.swift calls are defined in mosquitto_loader.c with the same names and signatures, each a
// trampoline to the loaded library's function. Calling one before a successful open is a programming
// error (MQTTClient opens first).
#ifndef LINKYD_MOSQUITTO_H
#define LINKYD_MOSQUITTO_H
#include <stddef.h>
#include <mosquitto.h>
#include <mqtt_protocol.h>

/// Loads libmosquitto.so.1 and resolves every function linkyd uses; idempotent and thread-safe.
/// Returns 0 on success; otherwise -1 with what went wrong in `error` (dlerror's text).
int linkyd_mosquitto_open(char *error, size_t size);
#endif
