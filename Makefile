# Conveniences over the scripts (the scripts are the reference; README "Install on a Raspberry Pi").
#   make                      swift build -c release
#   make install              scripts/install.sh (builds as you, installs with sudo)
#   make install DESTDIR=/tmp/pkg PREFIX=/usr BINARY=path/to/linkyd    stage for a package
#   make uninstall            removes the program, keeps /etc/linkyd and the udev meter list
#   make check                the tests, then the systemd and install checks (as .ci/run)
PREFIX ?= /usr/local
DESTDIR ?=
BINARY ?=

.PHONY: all build install uninstall check check-systemd check-install
all: build
build:
	swift build -c release --product linkyd
install:
	DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" scripts/install.sh $(if $(BINARY),--binary "$(BINARY)")
uninstall:
	DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" scripts/install.sh --uninstall
check:
	.ci/run
check-systemd:
	scripts/check-systemd.sh
check-install:
	scripts/check-install.sh
