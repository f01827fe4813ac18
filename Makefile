# Thin entry points; the build itself is CMake (see CMakePresets.json).
#   make run   – install missing Debian packages (as root), build, index the demo corpus (or
#                DATA=FILE), serve the page and API on http://127.0.0.1:8080
#   make test  – same set-up, build, run every test
#   make bench – the whole-corpus benchmarks and quality evaluations (writes docs/*.md tables)
PRESET ?= release
BUILD := build/$(PRESET)
CMAKE_ARGS ?=
JOBS ?= $(shell nproc)

.PHONY: all deps configure build test run bench clean format

all: build

deps:
	@tools/install_deps.sh

configure: deps
	@cmake --preset $(PRESET) $(CMAKE_ARGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@ctest --test-dir $(BUILD) -j $(JOBS) --output-on-failure

run: build
	@DATA="$(DATA)" tools/run_main.sh $(BUILD)

bench: build
	@tools/run_benchmarks.sh $(BUILD)

format:
	@clang-format -i $$(git ls-files 'src/*.h' 'src/*.cc' 'fuzz/*.cc' 'bench/*.cc' 'tests/*.cc')

clean:
	rm -rf build
