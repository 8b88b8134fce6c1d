/*
 * banned.h - functions we do not use, made compile errors (after git's).
 * Include after every system header.
 */
#ifndef DY_BANNED_H
#define DY_BANNED_H

#define DY_BANNED(func) sorry_##func##_is_banned_in_dyad

#undef strcpy
#define strcpy(x, y) DY_BANNED(strcpy)
#undef strcat
#define strcat(x, y) DY_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) DY_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) DY_BANNED(strncat)
#undef sprintf
#define sprintf(...) DY_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) DY_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) DY_BANNED(strtok)
#undef atoi
#define atoi(x) DY_BANNED(atoi)
#undef atol
#define atol(x) DY_BANNED(atol)
#undef gets
#define gets(x) DY_BANNED(gets)

#endif
