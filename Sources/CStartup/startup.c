#include "aish_startup.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

#if defined(__linux__)
/* Set by the linker (GNU ld, gold and lld): where .bss begins and where it ends. */
extern char __bss_start[];
extern char _end[];
#endif

void aish_bss_range(uintptr_t *start, uintptr_t *end) {
#if defined(__linux__)
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    *start = (uintptr_t)__bss_start & ~(page - 1);
    *end = ((uintptr_t)_end + page - 1) & ~(page - 1);
#else
    *start = 0;
    *end = 0;
#endif
}

int aish_populate_bss(void) {
    uintptr_t start, end;
    aish_bss_range(&start, &end);
    if (end <= start) return 0;
    return madvise((void *)start, end - start, MADV_POPULATE_WRITE) == 0 ? 0 : errno;
}
