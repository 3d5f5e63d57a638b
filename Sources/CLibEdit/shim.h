#ifndef AISH_CLIBEDIT_SHIM_H
#define AISH_CLIBEDIT_SHIM_H

#include <stdio.h>
#include <histedit.h>
#include <editline/readline.h>

/* el_set, el_get and history() are C variadics, which Swift cannot call.
   Each use gets a typed static inline wrapper here. */

/* el_init on the process's standard streams: C's stdin/stdout/stderr are global
   variables Swift 6 will not read outside the main actor. */
static inline EditLine *aish_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

static inline int aish_el_set_prompt(EditLine *el, char *(*prompt)(EditLine *)) {
    return el_set(el, EL_PROMPT, prompt);
}

static inline int aish_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int aish_el_set_signal(EditLine *el, int flag) {
    return el_set(el, EL_SIGNAL, flag);
}

static inline int aish_el_set_hist(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

static inline int aish_history_setsize(History *h, HistEvent *ev, int size) {
    return history(h, ev, H_SETSIZE, size);
}

static inline int aish_history_setunique(History *h, HistEvent *ev, int unique) {
    return history(h, ev, H_SETUNIQUE, unique);
}

static inline int aish_history_enter(History *h, HistEvent *ev, const char *line) {
    return history(h, ev, H_ENTER, line);
}

static inline int aish_history_load(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_LOAD, path);
}

static inline int aish_history_save(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_SAVE, path);
}

static inline int aish_el_addfn(EditLine *el, const char *name, const char *help,
                                unsigned char (*fn)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

static inline int aish_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}

/* Let Ctrl-C reach the editor as a key while it reads a line, instead of a signal. */
static inline int aish_el_setty_no_isig(EditLine *el) {
    return el_set(el, EL_SETTY, "-d", "-isig", NULL);
}

static inline int aish_el_set_prompt_esc(EditLine *el, char *(*prompt)(EditLine *), char marker) {
    return el_set(el, EL_PROMPT_ESC, prompt, marker);
}

static inline int aish_el_set_signal_handling(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

#endif
