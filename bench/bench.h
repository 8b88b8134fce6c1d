/*
 * bench.h - what every benchmark in bench/ times and reports with: clocks
 * in milliseconds, a nearest-rank quantile, and stopping on an error.
 */
#ifndef DY_BENCH_H
#define DY_BENCH_H

#include <stddef.h>
#include <time.h>

struct dy_error;

/* The program's name in messages ("core_bench"); each main sets it. */
extern const char *bench_name;

/* Clock id (CLOCK_MONOTONIC, CLOCK_THREAD_CPUTIME_ID, ...) in milliseconds. */
double bench_ms(clockid_t id);

/* The q-quantile (0..1) of v's n values, nearest rank; sorts v in place. */
double bench_quantile(double *v, size_t n, double q);

/* Print "NAME: what: err's message" (or "NAME: what") and exit 1. */
_Noreturn void bench_die(const char *what, const struct dy_error *err);

/* calloc that stops the benchmark when memory runs out. */
void *bench_calloc(size_t n, size_t size);

#endif
