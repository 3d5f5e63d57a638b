#ifndef AISH_STARTUP_H
#define AISH_STARTUP_H

#include <stdint.h>

/* Where the program's zero-initialised data (.bss) begins and ends, whole pages;
   both 0 where the linker does not say (not Linux). */
void aish_bss_range(uintptr_t *start, uintptr_t *end);

/* Maps that range writable in one call (MADV_POPULATE_WRITE). Returns 0, or the
   errno of a kernel that cannot (EINVAL before Linux 5.14), which changes nothing. */
int aish_populate_bss(void);

#endif
