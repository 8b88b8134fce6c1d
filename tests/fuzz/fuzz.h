/*
 * fuzz.h - what every harness of tests/fuzz shares.
 *
 * A harness is one file defining LLVMFuzzerTestOneInput (and, when it needs
 * a fixture made once, LLVMFuzzerInitialize). It is built twice: with
 * libFuzzer as a fuzzer (`make fuzz`, clang, -Dfuzz=true), and with
 * replay.c as a plain program that runs every file of its corpus once (the
 * meson test fuzz-NAME, in `make test` and `make asan`).
 *
 * A harness checks what must hold of every input, not only that nothing
 * crashes: FUZZ_CHECK aborts with the failed condition, in either build and
 * whatever NDEBUG says, so libFuzzer keeps the input as a crash.
 */
#ifndef DY_FUZZ_H
#define DY_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond)                                                              \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                      \
		}                                                                     \
	} while (0)

#endif
