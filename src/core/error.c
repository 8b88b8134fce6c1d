/*
 * error.c - the core's error codes and their stable names.
 */
#include <stdarg.h>
#include <stdio.h>

#include "dyad.h"
#include "util.h"
#include "banned.h"

const char *
dy_code_name(enum dy_code code)
{
	switch (code) {
	case DY_OK: return "ok";
	case DY_EINVAL: return "invalid";
	case DY_ENOTFOUND: return "not_found";
	case DY_EAUTH: return "auth";
	case DY_EEXIST: return "exists";
	case DY_EFULL: return "full";
	case DY_EEXPIRED: return "expired";
	case DY_ETOOBIG: return "too_big";
	case DY_EIO: return "io";
	case DY_ECORRUPT: return "corrupt";
	case DY_EVERSION: return "version";
	case DY_ENOMEM: return "no_memory";
	case DY_EBUSY: return "busy";
	case DY_EREADONLY: return "read_only";
	case DY_EPERM: return "forbidden";
	case DY_ENOSPACE: return "no_space";
	}
	return "unknown";
}

int
dy_fail(struct dy_error *err, enum dy_code code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}
