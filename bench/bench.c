/*
 * bench.c - the helpers of bench.h, shared by the benchmarks.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "dyad.h"

const char *bench_name = "bench";

double
bench_ms(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double
bench_quantile(double *v, size_t n, double q)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[(size_t)(q * (double)(n - 1) + 0.5)];
}

void
bench_die(const char *what, const struct dy_error *err)
{
	fprintf(stderr, "%s: %s%s%s\n", bench_name, what, err != NULL ? ": " : "", err != NULL ? err->msg : "");
	exit(1);
}

void *
bench_calloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (p == NULL)
		bench_die("out of memory", NULL);
	return p;
}
