// libmosquitto (Debian's libmosquitto-dev, 2.x), for the MQTT exporter (Sources/Export).
// Nothing but the library's own header: every call is made from Swift (MQTTClient.swift).
#ifndef LINKYD_MOSQUITTO_H
#define LINKYD_MOSQUITTO_H
#include <mosquitto.h>
#include <mqtt_protocol.h>
#endif
