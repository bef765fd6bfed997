# akhbar: one binary, one SQLite file. See README.md.
#
#   make run     install missing Debian packages, build, serve the demo site
#   make test    install missing test packages, then every test; the last line
#                says "N passed, N failed"
#   make asan    the same tests under AddressSanitizer and UBSan
#   make bench   the serving benchmark against nginx (bench/serve)
#   make bench-pg  PostgreSQL next to SQLite, uncached (bench/pg)
#   make fuzz-smoke  each libFuzzer target briefly (clang)
#   make eval    search quality on the judged set in eval/, next to unicode61,
#                on SQLite and on PostgreSQL (a throwaway cluster, tools/pgtmp)
#   make eval-wire  the wire's near-duplicate test on its judged pairs (eval/wire/)
#   make install the binary, its manual and the default theme under PREFIX
#                (/usr/local), staged under DESTDIR when given

PKGS     := sqlite3 libmicrohttpd libcmark libutf8proc libsodium icu-i18n jansson vips libwebpmux libxml-2.0 \
            zlib libbrotlienc libbrotlidec libcurl libpq
CC       ?= cc
BUILD    ?= build
OPT      ?= -O2
CFLAGS   += -std=c11 -D_GNU_SOURCE $(OPT) -g -Wall -Wextra -Werror -Wshadow -Wvla \
            -Wstrict-prototypes -Wno-missing-field-initializers -Isrc -I$(BUILD) \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libstemmer (Snowball) has no pkg-config file in Debian: linked by name.
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lpthread -lm
# The lexicon of known Arabic words, from Debian's hunspell-ar (tools/lexicon.c).
LEXICON_DIC ?= /usr/share/hunspell/ar.dic
DB       ?= akhbar.db
LISTEN   ?= 127.0.0.1:8080
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share/akhbar

SRC      := src/routes.c $(sort $(wildcard src/base/*.c src/text/*.c src/store/*.c src/render/*.c \
                              src/http/*.c src/page/*.c src/site/*.c src/admin/*.c \
                              src/newsroom/*.c src/ingest/*.c src/media/*.c))
OBJ      := $(SRC:%.c=$(BUILD)/%.o) $(BUILD)/embedded.o $(BUILD)/lexicon.o
# The command line (src/cli/, with main()): linked into the binary only.
CLI_OBJ  := $(patsubst %.c,$(BUILD)/%.o,$(sort $(wildcard src/cli/*.c)))
# The demo's pictures: drawn as SVG in demo/art/, rendered to WebP by
# tools/demo_art.c (libvips) when building, and embedded as such.
DEMO_ART := $(patsubst demo/art/%.svg,$(BUILD)/demo-art/%.webp,$(sort $(wildcard demo/art/*.svg)))
EMBED    := $(sort $(wildcard themes/default/*)) src/store/schema.sql src/store/pg/schema.sql \
            $(sort $(wildcard src/store/migrations/*.sql)) demo/sections.tsv demo/articles.ndjson \
            $(sort $(wildcard demo/pages/*.md)) demo/images.tsv $(DEMO_ART)
# The web fonts: subsets of Debian's Noto fonts made by tools/fonts (fonttools),
# named with a version that changes with the fonts package and the script, so
# that their URLs change with their bytes; embedded as theme assets.
FONT_VER := $(shell (dpkg-query -W -f='$${Version}' fonts-noto-core 2>/dev/null; cat tools/fonts) | \
              md5sum | cut -c1-10)
FONT_DIR := $(BUILD)/fonts/$(FONT_VER)
FONTS    := $(patsubst %,$(FONT_DIR)/%-$(FONT_VER).woff2,naskh-400 naskh-700 serif-400 serif-700 \
              kufi-400 kufi-700 sans-400 sans-700)
EMBED_AS := themes/default/fonts.css=$(FONT_DIR)/fonts.css \
            $(foreach f,$(FONTS),themes/default/$(notdir $(f))=$(f))
TESTS    := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
FUZZERS  := $(patsubst fuzz/%.c,$(BUILD)/fuzz/%,$(wildcard fuzz/*.c))
FUZZ_OPT := -O1 -g -fsanitize=address,undefined,fuzzer-no-link -fno-omit-frame-pointer

.PHONY: all run test check unit asan bench clean deps fuzz fuzz-bins fuzz-smoke install
all: $(BUILD)/akhbar $(if $(filter build,$(BUILD)),akhbar)

akhbar: $(BUILD)/akhbar
	ln -sf $(BUILD)/akhbar akhbar

$(BUILD)/akhbar: $(OBJ) $(CLI_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

# Only the renderer may see the layout of struct html_safe (render/html_private.h).
$(BUILD)/src/render/%.o: CFLAGS += -DAK_RENDER_PRIVATE

$(BUILD)/embedded.c: $(BUILD)/embed $(EMBED) $(FONT_DIR)/fonts.css
	$(BUILD)/embed $(EMBED) $(EMBED_AS) > $@.tmp && mv $@.tmp $@

$(FONT_DIR)/fonts.css: tools/fonts
	/usr/bin/python3 tools/fonts $(FONT_DIR) $(FONT_VER)

$(FONTS): $(FONT_DIR)/fonts.css

$(BUILD)/embedded.o: $(BUILD)/embedded.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/lexicon.c: $(BUILD)/lexicon-tool $(LEXICON_DIC)
	$(BUILD)/lexicon-tool $(LEXICON_DIC) > $@.tmp && mv $@.tmp $@

$(BUILD)/lexicon.o: $(BUILD)/lexicon.c
	$(CC) -O0 -c -o $@ $<

$(BUILD)/lexicon-tool: tools/lexicon.c src/text/normalize.c src/text/chars.c src/text/utf8.c
	@mkdir -p $(BUILD)
	$(CC) -std=c11 -D_GNU_SOURCE -O1 -Isrc -o $@ $^ $(shell pkg-config --cflags --libs libutf8proc)

$(BUILD)/demo-art/%.webp: demo/art/%.svg $(BUILD)/demo_art
	@mkdir -p $(dir $@)
	$(BUILD)/demo_art $< $@

$(BUILD)/demo_art: tools/demo_art.c
	@mkdir -p $(BUILD)
	$(CC) -O1 -o $@ $< $(shell pkg-config --cflags --libs vips)

$(BUILD)/embed: tools/embed.c
	@mkdir -p $(BUILD)
	$(CC) -O1 -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(OBJ) tests/unit/t.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(OBJ) $(LDLIBS)

$(BUILD)/fuzz/%: fuzz/%.c $(OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(OBJ) $(LDLIBS)

fuzz-bins: $(FUZZERS)

# libFuzzer targets, built with clang into build-fuzz/.
fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang OPT="$(FUZZ_OPT)" fuzz-bins

# Each fuzzer for FUZZ_SECONDS (default 20) from its seed corpus in fuzz/corpus/.
fuzz-smoke: fuzz
	tools/fuzz-smoke build-fuzz

deps:
	tools/deps

run: deps
	$(MAKE) all
	./akhbar serve --db $(DB) --listen $(LISTEN) --demo

unit: $(TESTS) $(BUILD)/akhbar

# test and asan first install what the tests need (Debian packages, the
# browser tests' npm packages), then build in a second make: on a new machine
# the libraries must be there before anything compiles.
test:
	tools/deps --test
	$(MAKE) check

check: $(TESTS) $(BUILD)/akhbar $(BUILD)/eval $(BUILD)/eval-wire
	tools/testrun $(BUILD)

asan:
	tools/deps --test
	$(MAKE) BUILD=build-asan OPT="-O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" check

bench: all
	bench/serve

# PostgreSQL next to SQLite, uncached, and two nodes on one database (bench/pg).
.PHONY: bench-pg
bench-pg: all
	bench/pg

# The search benchmark (bench/search) and its query-latency tool.
.PHONY: bench-search
$(BUILD)/bench-search-query: bench/search_query.c $(OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(OBJ) $(LDLIBS)

bench-search: all $(BUILD)/bench-search-query
	bench/search

# The search evaluation (eval/): akhbar against FTS5's unicode61 on a judged set.
.PHONY: eval
$(BUILD)/eval: eval/eval.c $(OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(OBJ) $(LDLIBS)

# Both backends: SQLite, and PostgreSQL on a throwaway cluster (tools/pgtmp),
# stopped afterwards whatever the outcome.
eval: $(BUILD)/eval
	@d=$$(mktemp -d /tmp/akhbar-evalpg.XXXXXX) && rmdir $$d && \
	uri=$$(tools/pgtmp start $$d) || exit 1; \
	AKHBAR_EVAL_PG=$$uri $(BUILD)/eval eval; rc=$$?; \
	tools/pgtmp stop $$d; exit $$rc

# Against a real PostgreSQL (tools/pgtmp): every statement prepared there,
# and the search evaluation on both backends (.ci/run).
.PHONY: test-pg
test-pg: $(TESTS) $(BUILD)/eval
	tools/test-pg $(BUILD)

# The HTTP suites on PostgreSQL, one database each on one cluster (issue 14;
# tools/test-http-pg names those that stay on SQLite).
.PHONY: test-http-pg
test-http-pg: $(BUILD)/akhbar
	tools/test-http-pg $(BUILD)

# The wire's near-duplicate test on its judged pairs (eval/wire/).
.PHONY: eval-wire
$(BUILD)/eval-wire: eval/wire.c $(OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(OBJ) $(LDLIBS)

eval-wire: $(BUILD)/eval-wire
	$(BUILD)/eval-wire eval/wire

# The theme's files are for nginx to serve /static/ from, and a start for
# --theme DIR; the binary holds its own copy.
install: $(BUILD)/akhbar
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/themes/default
	install -m 755 $(BUILD)/akhbar $(DESTDIR)$(BINDIR)/akhbar
	install -m 644 docs/akhbar.1 $(DESTDIR)$(MANDIR)/man1/akhbar.1
	install -m 644 themes/default/* $(FONT_DIR)/fonts.css $(FONTS) $(DESTDIR)$(DATADIR)/themes/default/

clean:
	rm -rf build build-asan build-fuzz akhbar

-include $(OBJ:.o=.d) $(CLI_OBJ:.o=.d)
