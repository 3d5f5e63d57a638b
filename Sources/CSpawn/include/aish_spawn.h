#ifndef AISH_SPAWN_H
#define AISH_SPAWN_H

#include <spawn.h>

/* Two glibc calls Swift's Glibc module hides behind _GNU_SOURCE, wrapped so that
   AishKit's SpawnedProcess can start children without Foundation's Process (whose
   Process.run() reads past a dirent on Linux and crashes now and then:
   swift-corelibs-foundation#5472). */

/* pipe2(fds, O_CLOEXEC): both ends close-on-exec from the start, so a child that
   another thread starts at the same moment never inherits them. */
int aish_pipe_cloexec(int fds[2]);

/* posix_spawn_file_actions_addclosefrom_np(actions, lowest): the child closes
   every descriptor from `lowest` up before it runs. */
int aish_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

#endif
